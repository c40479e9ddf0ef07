-- darkroom-local is priced per output image too (issue 8 §6): ten 2048² results cost as much work and storage as
-- ten calls, not one. An operator who already set their own price keeps it.
UPDATE models SET per_image = 1, updated_at = now() WHERE id = 'darkroom-local' AND per_image = 0;
SELECT pg_notify('darkroom_models', 'darkroom-local');
