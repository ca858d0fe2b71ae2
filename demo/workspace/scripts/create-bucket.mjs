// The incident: a client configured for us-east-1 creates a bucket in ap-northeast-2. S3 accepts it, but the
// CreateBucket event lands in us-east-1's CloudTrail, so AWS Config in ap-northeast-2 likely misses the new
// bucket until its periodic sweep, and the untagged bucket goes unnoticed.
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({ region: 'us-east-1' });

await s3.send(
  new CreateBucketCommand({
    Bucket: 'acme-orders-archive-apne2',
    CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' },
  }),
);
