def log = new File(basedir, 'build.log').text
assert log.contains('Lint: 1 finding(s) at or above error:')
assert log.contains('2b3c4d5e6f70_index_accounts.sql:8: [error] create-index-not-concurrently')
assert log.contains('Linted 2 revision(s): 1 error(s)')
return true
