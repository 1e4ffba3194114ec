-- Add user email verification fields
--
-- Users must confirm their address before they can post.
-- Note: the backfill below marks existing users as verified.
--
-- Revision ID: 6eef61f13528
-- Revises: 1975ea83b712, 3f2a9c1d0b7e
-- Create Date: 2026-11-24 07:00:00.000000
-- Branch Labels: auth
-- Depends On: 27c6a30d7c24
-- Transactional: true

-- Anything here is a comment, and comments are allowed before the first section.
/* Even block comments; with semicolons. */

-- migrate:upgrade
ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;

-- Existing users were verified by the old flow.
UPDATE users
   SET email_verified = true
 WHERE created_at < '2026-11-24';

CREATE FUNCTION users_verified_guard() RETURNS trigger LANGUAGE plpgsql AS $guard$
BEGIN
  IF NEW.email_verified IS NULL THEN
    RAISE EXCEPTION 'email_verified must be set; got %', NEW.id;
  END IF;
  RETURN NEW;
END;
$guard$;

-- migrate:downgrade
DROP FUNCTION users_verified_guard();
ALTER TABLE users DROP COLUMN email_verified
