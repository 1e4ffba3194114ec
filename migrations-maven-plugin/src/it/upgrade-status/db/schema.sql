-- The model check compares with the database at head: what the two revisions create.
CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL, email text);
