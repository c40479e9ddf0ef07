-- AlterTable
ALTER TABLE "models" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "typical_seconds" INTEGER;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "studio_model" TEXT;

-- The seed catalog's picker lines. Typical times are first estimates for one image and one result (darkroom-local's
-- was measured: 0.3–1.6 s); admins correct them in the catalog as they learn better.
UPDATE "models" AS m SET "description" = v.description, "typical_seconds" = v.typical_seconds
FROM (VALUES
  ('gpt-image-1',                    'OpenAI''s image model: follows detailed instructions, keeps text legible.', 45),
  ('gpt-4o-image',                   'GPT-4o''s image output: good at combining several images into one.', 40),
  ('sora_image',                     'OpenAI''s Sora images: photographic and cinematic looks.', 40),
  ('flux-kontext-pro',               'Precise local changes that keep the rest of the picture as it was.', 15),
  ('nano-banana',                    'Google''s fast editor: quick changes, consistent faces and objects.', 10),
  ('nano-banana-hd',                 'Nano Banana at higher resolution, for final images.', 20),
  ('doubao-seedream-4-0-250828',     'ByteDance''s Seedream 4.0: high-resolution edits and new images.', 20),
  ('doubao-seededit-3-0-i2i-250628', 'ByteDance''s SeedEdit 3.0: single-image edits from a short instruction.', 15),
  ('qwen-image-edit',                'Alibaba''s Qwen editor: strong at text in images, low price.', 20),
  ('darkroom-local',                 'Runs here without a provider: filters and transforms (grayscale, rotate, blur…).', 1)
) AS v(id, description, typical_seconds)
WHERE m."id" = v.id;
