return evaluate(new File(itDir, 'shared/postgres.groovy')).available('downgrade-stamp')
