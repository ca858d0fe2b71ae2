#!/bin/sh
aws s3api create-bucket --bucket logs --region us-east-1 --create-bucket-configuration LocationConstraint=us-east-1
aws s3api create-bucket --bucket archive --region eu-west-1 --create-bucket-configuration LocationConstraint=ap-southeast-2
aws s3api create-bucket --bucket new --region us-east-1 --create-bucket-configuration LocationConstraint=ap-southeast-5
