from aws_cdk import App, Stack, Tags
from aws_cdk import aws_s3 as s3

app = App()
root = Stack(app, "Root")
res = s3.CfnBucket(root, "FakeResource")
res2 = s3.CfnBucket(res, "FakeResource")
Tags.of(root).add("root", "was here")
Tags.of(res).add("first", "there is only 1")
Tags.of(res).remove("root")
Tags.of(res).remove("doesnotexist")
Tags.of(root).add("low", "x", priority=10, include_resource_types=["AWS::S3::Bucket"])
Tags.of(res2).remove("low", priority=5)
