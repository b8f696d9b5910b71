import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ImageUploaderService } from './image-uploader-service.js';
import type { ImageUploaderServiceProps } from './image-uploader-service.js';

/** Props of {@link ImageUploaderStack}. */
export type ImageUploaderStackProps = StackProps & ImageUploaderServiceProps;

/**
 * One environment-agnostic stack with the whole backend and the two values the widget needs as
 * outputs: `SignerUrl` (the element's `endpoint`) and `BucketName`.
 */
export class ImageUploaderStack extends Stack {
  readonly service: ImageUploaderService;

  constructor(scope: Construct, id: string, props: ImageUploaderStackProps) {
    const { config, lambdaDir, code, ...stackProps } = props;
    super(scope, id, {
      description: 'image-uploader: browser-to-S3 uploads with a signer and a thumbnailer',
      ...stackProps,
    });
    this.service = new ImageUploaderService(this, 'ImageUploader', {
      config,
      ...(lambdaDir && { lambdaDir }),
      ...(code && { code }),
    });
    new CfnOutput(this, 'SignerUrl', {
      description: "The signer's base URL: set it as the <image-uploader> endpoint.",
      value: this.service.signerUrl,
    });
    new CfnOutput(this, 'BucketName', {
      description: 'The bucket holding uploads/ and thumbnails/.',
      value: this.service.bucket.bucketName,
    });
  }
}
