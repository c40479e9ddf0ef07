-- CreateTable
CREATE TABLE "platform_usage_running" (
    "dim" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "credits" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "platform_usage_running_pkey" PRIMARY KEY ("dim","series","day")
);

-- Backfill from the day rows already folded into platform_usage_series (what the fold adds to from now on).
INSERT INTO platform_usage_running (dim, series, day, calls, credits)
SELECT dim, series, bucket,
       sum(calls) OVER (PARTITION BY dim, series ORDER BY bucket),
       sum(credits) OVER (PARTITION BY dim, series ORDER BY bucket)
FROM platform_usage_series
WHERE unit = 'day' AND dim IN ('workspace', 'member', 'key');
