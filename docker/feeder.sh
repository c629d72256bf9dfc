#!/bin/bash
# Feeds the compose stack as CloudTrail and S3 would: copies each sample trail file into the trails bucket, then
# puts its S3 event notification (ObjectCreated:Put, as S3 sends it) on the notification stream.
set -euo pipefail
s3() { aws --endpoint-url "$S3_ENDPOINT" "$@"; }
kinesis() { aws --endpoint-url "$KINESIS_ENDPOINT" kinesis "$@"; }
cd /samples
count=0
while IFS= read -r file; do
  key="${file#./}"
  s3 s3 cp --quiet "$file" "s3://trails/$key"
  head=$(s3 s3api head-object --bucket trails --key "$key" --output json)
  size=$(echo "$head" | sed -n 's/.*"ContentLength": \([0-9]*\).*/\1/p')
  etag=$(echo "$head" | sed -n 's/.*"ETag": "\\"\([^\\]*\)\\"".*/\1/p')
  event=$(printf '{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"%s","eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"trails","arn":"arn:aws:s3:::trails"},"object":{"key":"%s","size":%s,"eTag":"%s","sequencer":"%016X"}}}]}' \
    "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" "$key" "${size:-0}" "$etag" "$((count + 1))")
  kinesis put-record --stream-name cloudtrail-notifications --partition-key "$key" \
    --cli-binary-format raw-in-base64-out --data "$event" >/dev/null
  count=$((count + 1))
  echo "feeder: s3://trails/$key notified"
done < <(find . -path './AWSLogs/*' -type f -name '*.json.gz' | sort)
echo "feeder: $count objects put and notified"
