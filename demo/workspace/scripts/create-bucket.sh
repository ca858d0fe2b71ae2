#!/usr/bin/env bash
# The same incident with the AWS CLI: the request goes to us-east-1, the bucket lives in ap-northeast-2.
set -euo pipefail

aws s3api create-bucket \
  --bucket acme-orders-archive-apne2 \
  --region us-east-1 \
  --create-bucket-configuration LocationConstraint=ap-northeast-2
