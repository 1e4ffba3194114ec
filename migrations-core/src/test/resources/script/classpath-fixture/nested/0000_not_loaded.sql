-- Loaders do not recurse, so this file must not be loaded
-- Revision ID: nested0000

-- migrate:upgrade
SELECT 1;
