def log = new File(basedir, 'build.log').text
assert log.contains('Could not connect to the database: ')
assert !log.contains('s3cr3t-never-logged')
return true
