import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/** Props of {@link ownerIdSecret}. */
export interface OwnerIdSecretProps {
  /** The complete ARN of the operator's own secret (`signer.ownerIdSecretArn`); unset: a new one. */
  existingArn?: string;
  /** Keep a new secret when the stack is deleted: with the bucket, since its keys depend on it. */
  retain: boolean;
}

/**
 * The signer's `OWNER_ID_SECRET` in Secrets Manager (the signer reads it at cold start through
 * `OWNER_ID_SECRET_ARN`): the operator's, or a new one Secrets Manager generates, 64 letters and
 * digits (about 380 random bits, well over the 32 bytes the signer requires), never seen by
 * CloudFormation or the function's configuration.
 * @param scope the signer construct; the secret is its child `OwnerIdSecret`
 */
export function ownerIdSecret(scope: Construct, props: OwnerIdSecretProps): secretsmanager.ISecret {
  if (props.existingArn) {
    return secretsmanager.Secret.fromSecretCompleteArn(scope, 'OwnerIdSecret', props.existingArn);
  }
  const secret = new secretsmanager.Secret(scope, 'OwnerIdSecret', {
    description:
      'image-uploader signer OWNER_ID_SECRET: the key of the owner segment of every object key. ' +
      'Changing it moves every user to a new owner segment (deploy/README.md).',
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The owner-id secret keys the owner segment of every stored object key: a new value moves every ' +
      'user to a new namespace, so changing it is a migration an operator plans (deploy/README.md), never a schedule.',
  });
  return secret;
}
