-- A model the revisions do not reach yet: check must find the column.
CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL, email text, phone text);
