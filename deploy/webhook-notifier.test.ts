import { randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageUploaderService } from './image-uploader-service.js';
import { ImageUploaderStack } from './image-uploader-stack.js';
import {
  acknowledgements,
  appLikeCli,
  awsSolutionsFindings,
  logicalId,
  roleStatements,
  stubCode,
} from './test-support.js';

const ISSUERS = [{ issuer: 'https://accounts.google.com', audience: 'client-id' }];
const WEBHOOK_URL = 'https://app.example.com/webhooks/images';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:image-uploader-alarms';
const BUS_ARN = 'arn:aws:events:eu-west-1:123456789012:event-bus/shared';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:image-webhook-AbCdEf';

// Every variant in one app, synthesized once.
const app = appLikeCli();
const created = new ImageUploaderStack(app, 'Webhook', {
  config: {
    siteOrigins: ['https://example.com'],
    issuers: ISSUERS,
    events: { webhookUrl: WEBHOOK_URL, maxAttempts: 6, concurrency: 3 },
    alarmTopicArn: TOPIC,
  },
  code: stubCode(),
});
const existing = new ImageUploaderStack(app, 'ExistingBus', {
  config: {
    siteOrigins: ['https://example.com'],
    issuers: ISSUERS,
    events: { eventBusName: BUS_ARN, webhookUrl: WEBHOOK_URL, webhookSecretArn: SECRET_ARN },
  },
  code: stubCode(),
});
const defaultBus = new ImageUploaderStack(app, 'DefaultBus', {
  config: { siteOrigins: ['https://example.com'], issuers: ISSUERS, events: { eventBusName: 'default' } },
  code: stubCode(),
});
let template: Template;
let existingTemplate: Template;
let defaultBusTemplate: Template;
const webhook = created.service.webhook!;
let ids: { queue: string; dlq: string; rule: string; secret: string; notifier: string; role: string };

beforeAll(() => {
  const assembly = app.synth();
  const of = (stack: ImageUploaderStack) =>
    Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
  template = of(created);
  existingTemplate = of(existing);
  defaultBusTemplate = of(defaultBus);
  ids = {
    queue: logicalId(webhook.queue),
    dlq: logicalId(webhook.deadLetterQueue),
    rule: logicalId(webhook.rule),
    secret: logicalId(webhook.secret),
    notifier: logicalId(webhook.function),
    role: logicalId(webhook.role),
  };
});

const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** Every statement of a queue's policy. */
function queuePolicy(t: Template, queueId: string): Record<string, unknown>[] {
  const policy = Object.values(t.findResources('AWS::SQS::QueuePolicy')).find((p) =>
    (p.Properties.Queues as { Ref: string }[]).some((q) => q.Ref === queueId),
  );
  return policy!.Properties.PolicyDocument.Statement as Record<string, unknown>[];
}

describe('image events on AWS', () => {
  describe('event bus', () => {
    it("puts events on the operator's bus when given its ARN, and creates none", () => {
      existingTemplate.resourceCountIs('AWS::Events::EventBus', 0);
      const { signer, thumbnailer } = existing.service;
      for (const [fn, role] of [
        [signer.function, signer.role],
        [thumbnailer.function, thumbnailer.role],
      ] as const) {
        const env = existingTemplate.findResources('AWS::Lambda::Function')[logicalId(fn)]!.Properties
          .Environment.Variables as Record<string, unknown>;
        expect(env.EVENT_BUS_NAME).toBe(BUS_ARN);
        const put = roleStatements(existingTemplate, logicalId(role)).filter((s) =>
          s.actions.some((a) => a.startsWith('events:')),
        );
        expect(put.map((s) => [s.actions, s.resources])).toEqual([[['events:PutEvents'], [BUS_ARN]]]);
      }
      existingTemplate.hasResourceProperties('AWS::Events::Rule', { EventBusName: 'shared' });
      existingTemplate.hasOutput('EventBusName', { Value: 'shared' });
    });

    it('grants PutEvents on the named bus of this account and region (e.g. default)', () => {
      defaultBusTemplate.resourceCountIs('AWS::Events::EventBus', 0);
      const put = roleStatements(defaultBusTemplate, logicalId(defaultBus.service.thumbnailer.role)).find(
        (s) => s.actions.includes('events:PutEvents'),
      );
      expect(put?.resources).toEqual([
        {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':events:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':event-bus/default',
            ],
          ],
        },
      ]);
    });
  });

  describe('webhook rule and queue', () => {
    it('routes the three image event types from source image-uploader on the bus to the queue', () => {
      template.resourceCountIs('AWS::Events::Rule', 1);
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: { Ref: logicalId(created.service.eventBus) },
        EventPattern: {
          source: ['image-uploader'],
          'detail-type': ['image.ready', 'image.rejected', 'image.deleted'],
        },
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: arn(ids.queue),
            // What EventBridge could not queue within a day is parked with the failed deliveries.
            DeadLetterConfig: { Arn: arn(ids.dlq) },
            RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
          }),
        ],
      });
    });

    it('keeps events in an encrypted queue that redrives to the DLQ after the last attempt', () => {
      const queues = template.findResources('AWS::SQS::Queue');
      expect(queues[ids.queue]!.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
        RedrivePolicy: { deadLetterTargetArn: arn(ids.dlq), maxReceiveCount: 6 },
      });
      expect(queues[ids.dlq]!.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      const timeout = template.findResources('AWS::Lambda::Function')[ids.notifier]!.Properties
        .Timeout as number;
      expect(queues[ids.queue]!.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    });

    it('lets only the rule send to either queue, and only over TLS', () => {
      for (const queue of [ids.queue, ids.dlq]) {
        const statements = queuePolicy(template, queue);
        expect(statements).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        );
        const allows = statements.filter((s) => s.Effect === 'Allow');
        expect(allows.length, queue).toBe(1);
        expect(allows[0]).toMatchObject({
          Principal: { Service: 'events.amazonaws.com' },
          Resource: arn(queue),
          Condition: { ArnEquals: { 'aws:SourceArn': arn(ids.rule) } },
        });
        expect(([] as string[]).concat(allows[0]!.Action as string)).toContain('sqs:SendMessage');
      }
    });
  });

  describe('notifier', () => {
    it('runs on Node.js 22 with the webhook URL, its secret, queue and attempts in its environment', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Role: arn(ids.role),
        ReservedConcurrentExecutions: 3,
        LoggingConfig: Match.objectLike({
          LogFormat: 'JSON',
          LogGroup: { Ref: logicalId(webhook.logGroup) },
        }),
      });
      const env = template.findResources('AWS::Lambda::Function')[ids.notifier]!.Properties.Environment
        .Variables as Record<string, unknown>;
      expect(env).toEqual({
        NODE_OPTIONS: '--enable-source-maps',
        WEBHOOK_URL: WEBHOOK_URL,
        WEBHOOK_SECRET_ARN: { Ref: ids.secret },
        QUEUE_URL: { Ref: ids.queue },
        MAX_ATTEMPTS: '6',
      });
    });

    it('reads the queue in batches, reports failed items and never runs above its concurrency', () => {
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: arn(ids.queue),
        FunctionName: { Ref: ids.notifier },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 3 },
      });
    });

    it('may write its logs, read its secret and receive, delay and delete on its queue, and nothing else', () => {
      expect(roleStatements(template, ids.role)).toEqual([
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [arn(logicalId(webhook.logGroup))],
        },
        { effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [{ Ref: ids.secret }] },
        {
          effect: 'Allow',
          actions: [
            'sqs:ChangeMessageVisibility',
            'sqs:DeleteMessage',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
            'sqs:ReceiveMessage',
          ],
          resources: [arn(ids.queue)],
        },
      ]);
      const role = template.findResources('AWS::IAM::Role')[ids.role]!;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    });

    it("reads the operator's secret instead of creating one when given its ARN", () => {
      // The signer's owner-id secret only.
      expect(Object.keys(existingTemplate.findResources('AWS::SecretsManager::Secret'))).toEqual([
        logicalId(existing.service.signer.ownerIdSecret),
      ]);
      const notifier = existing.service.webhook!;
      const env = existingTemplate.findResources('AWS::Lambda::Function')[logicalId(notifier.function)]!
        .Properties.Environment.Variables as Record<string, unknown>;
      expect(env.WEBHOOK_SECRET_ARN).toBe(SECRET_ARN);
      expect(env.MAX_ATTEMPTS).toBe('8');
      expect(roleStatements(existingTemplate, logicalId(notifier.role))).toContainEqual({
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [SECRET_ARN],
      });
    });
  });

  describe('secret', () => {
    it('is generated as {"secret": 32 letters and digits} and is output for the receiver', () => {
      // The webhook's, and the signer's owner-id secret.
      template.resourceCountIs('AWS::SecretsManager::Secret', 2);
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: {
          SecretStringTemplate: '{}',
          GenerateStringKey: 'secret',
          ExcludePunctuation: true,
          PasswordLength: 32,
        },
      });
      template.hasOutput('WebhookSecretArn', { Value: { Ref: ids.secret } });
      template.hasOutput('WebhookDeadLetterQueueArn', { Value: arn(ids.dlq) });
    });

    it('makes a secret standardwebhooks signs and verifies with, with or without whsec_', () => {
      // What Secrets Manager generates with ExcludePunctuation: letters and digits only.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      const secret = Array.from({ length: 32 }, () => alphabet[randomInt(alphabet.length)]).join('');
      expect(Buffer.from(secret, 'base64')).toHaveLength(24);
      const body = JSON.stringify({ type: 'image.ready' });
      const timestamp = new Date();
      const signature = new Webhook(secret).sign('evt_1', timestamp, body);
      const headers = {
        'webhook-id': 'evt_1',
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      };
      expect(new Webhook(`whsec_${secret}`).verify(body, headers)).toEqual({ type: 'image.ready' });
      expect(() => new Webhook(`whsec_${'A'.repeat(32)}`).verify(body, headers)).toThrow();
    });
  });

  describe('alarms', () => {
    it('alarm on the webhook DLQ, on notifier errors and on an hour-old backlog, notifying the topic', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
      const on = (metric: string, dimension: unknown) =>
        alarms.find(
          (a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension)),
        );
      const dlq = on('ApproximateNumberOfMessagesVisible', { 'Fn::GetAtt': [ids.dlq, 'QueueName'] });
      expect(dlq).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 1, AlarmActions: [TOPIC] });
      const errors = on('Errors', { Ref: ids.notifier });
      expect(errors).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1, AlarmActions: [TOPIC] });
      const age = on('ApproximateAgeOfOldestMessage', { 'Fn::GetAtt': [ids.queue, 'QueueName'] });
      expect(age).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 3600, AlarmActions: [TOPIC] });
      // With the thumbnailer's errors, dead letters and backlog, and the signer's throttles.
      expect(alarms).toHaveLength(7);
    });
  });

  describe('least privilege', () => {
    it('grants no wildcard resource to any function but the acknowledged bucket prefixes', () => {
      for (const [stack, t] of [
        [created, template],
        [existing, existingTemplate],
      ] as const) {
        const { signer, thumbnailer, webhook: notifier } = stack.service;
        for (const role of [signer.role, thumbnailer.role, notifier!.role]) {
          const wildcards = roleStatements(t, logicalId(role))
            .flatMap((s) => s.resources.map((r) => JSON.stringify(r)))
            .filter((r) => r.includes('*'));
          for (const resource of wildcards) expect(resource).toMatch(/"\/(uploads|thumbnails|public)\/\*"/);
        }
        expect(
          roleStatements(t, logicalId(notifier!.role)).flatMap((s) => [
            ...s.actions,
            ...s.resources.map((r) => JSON.stringify(r)),
          ]),
        ).not.toContainEqual(expect.stringContaining('*'));
      }
    });
  });

  describe('code', () => {
    const config = {
      siteOrigins: ['https://example.com'],
      issuers: ISSUERS,
      cdn: { waf: false as const },
    };
    const service = (
      props: Omit<ConstructorParameters<typeof ImageUploaderService>[2], 'config'> & {
        webhookUrl?: string;
      },
    ) => {
      const { webhookUrl, ...rest } = props;
      return new ImageUploaderService(new Stack(new App(), 'S'), 'Images', {
        config: { ...config, ...(webhookUrl && { events: { webhookUrl } }) },
        ...rest,
      });
    };

    it('needs notifier.zip in lambdaDir only when a webhook is configured', () => {
      const dir = mkdtempSync(join(tmpdir(), 'lambda-dir-'));
      for (const name of ['signer', 'thumbnailer']) writeFileSync(join(dir, `${name}.zip`), 'PK');
      expect(() => service({ lambdaDir: dir, webhookUrl: WEBHOOK_URL })).toThrow(
        expect.objectContaining({ name: 'TypeError', message: expect.stringMatching(/notifier\.zip/) }),
      );
      expect(service({ lambdaDir: dir }).webhook).toBeUndefined();
    });

    it('refuses code without the notifier when a webhook is configured', () => {
      const { signer, thumbnailer } = stubCode();
      expect(() => service({ code: { signer, thumbnailer }, webhookUrl: WEBHOOK_URL })).toThrow(
        /code\.notifier/,
      );
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('reports no unacknowledged errors or warnings, and gives every acknowledgement a reason', () => {
      expect(awsSolutionsFindings(app)).toEqual({ errors: [], warnings: [] });
      for (const ack of acknowledgements(app)) {
        expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(40);
      }
    });
  });
});
