resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  tags = {
    Owner       = "a-very-long-owner-value-that-nobody-would-allow-in-any-tag-policy-anywhere"
    CostCenter  = "cc-1"
    Environment = "staging-but-with-a-name-that-goes-on-and-on"
  }
}
