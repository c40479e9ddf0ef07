#!/bin/sh
# Prisma's CLI insists on a native schema engine before `generate`, which it cannot download here.
# `generate` never calls it; migrations go through the WebAssembly engine in scripts/db-*.ts instead.
echo "darkroom: the native schema engine is not used; run npm run db:migrate / db:deploy" >&2
exit 1
