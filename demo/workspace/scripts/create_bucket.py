"""The same incident with boto3: a us-east-1 client creating a bucket in ap-northeast-2."""
import boto3

s3 = boto3.client("s3", region_name="us-east-1")

s3.create_bucket(
    Bucket="acme-orders-archive-apne2",
    CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"},
)
