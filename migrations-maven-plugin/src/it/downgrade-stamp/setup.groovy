evaluate(new File(itDir, 'shared/postgres.groovy')).recreate('migrations_mvnplugin_it_downgrade')
return true
