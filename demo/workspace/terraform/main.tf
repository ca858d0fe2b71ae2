terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

# Every resource created through this provider gets the Service tag.
provider "aws" {
  alias  = "checkout"
  region = "us-east-1"

  default_tags {
    tags = {
      Service = "checkout"
    }
  }
}

# Missing the required Service tag: Tagsight flags it and offers to add it.
resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

# Tagged through the provider's default_tags.
resource "aws_s3_bucket" "receipts" {
  provider = aws.checkout
  bucket   = "acme-checkout-receipts"
}
