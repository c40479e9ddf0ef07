-- CreateIndex
CREATE INDEX "edit_jobs_hold_id_idx" ON "edit_jobs"("hold_id");
