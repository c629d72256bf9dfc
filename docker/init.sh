#!/bin/bash
# One-shot init of the compose stack: the buckets and the Kinesis streams the job and the feeder use.
set -euo pipefail
s3() { aws --endpoint-url "$S3_ENDPOINT" "$@"; }
kinesis() { aws --endpoint-url "$KINESIS_ENDPOINT" kinesis "$@"; }

for bucket in warehouse checkpoints trails; do
  s3 s3api head-bucket --bucket "$bucket" 2>/dev/null || s3 s3api create-bucket --bucket "$bucket"
  echo "init: bucket $bucket ready"
done
for stream in cloudtrail-notifications:2 trailstream-control:1; do
  name="${stream%%:*}"
  shards="${stream##*:}"
  kinesis describe-stream-summary --stream-name "$name" >/dev/null 2>&1 \
    || kinesis create-stream --stream-name "$name" --shard-count "$shards"
  kinesis wait stream-exists --stream-name "$name"
  echo "init: stream $name ready ($shards shards)"
done
