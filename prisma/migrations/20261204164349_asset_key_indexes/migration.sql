-- CreateIndex
CREATE INDEX "assets_storage_key_idx" ON "assets"("storage_key");

-- CreateIndex
CREATE INDEX "assets_thumb_key_idx" ON "assets"("thumb_key");
