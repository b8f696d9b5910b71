import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Props of {@link ServiceAlarms}. */
export interface ServiceAlarmsProps {
  /** The signer: an alarm when its concurrency ceiling turns requests away. */
  signer: lambda.IFunction;
  thumbnailer: lambda.IFunction;
  deadLetterQueue: sqs.IQueue;
  /** The webhook notifier, its queue and dead-letter queue, when a webhook is configured. */
  webhook?: { notifier: lambda.IFunction; queue: sqs.IQueue; deadLetterQueue: sqs.IQueue };
  /** An existing SNS topic to notify; alarms have no actions without it. */
  alarmTopicArn?: string;
}

/** How old the oldest webhook delivery may get before it is worth a look (the receiver is failing). */
const WEBHOOK_BACKLOG_SECONDS = 3600;
/**
 * How long an upload may wait for the thumbnailer before it is worth a look: its concurrency
 * ceiling is holding back a burst (events older than 6 hours go to the DLQ).
 */
const THUMBNAILER_BACKLOG_SECONDS = 15 * 60;

/**
 * The alarms an operator needs: the thumbnailer failing (any error in five minutes), events
 * piling up in its dead-letter queue (every retry failed, thumbnails are missing), uploads waiting
 * over 15 minutes for a thumbnailer (its concurrency ceiling holds a burst back), and the signer
 * throttled at its concurrency ceiling (users are turned away); with a webhook,
 * events in the webhook's dead-letter queue (the receiver missed them), the notifier itself failing,
 * and deliveries older than an hour (the receiver has been failing a while; retries go on).
 */
export class ServiceAlarms extends Construct {
  readonly errors: cloudwatch.Alarm;
  readonly deadLetters: cloudwatch.Alarm;
  readonly thumbnailerBacklog: cloudwatch.Alarm;
  readonly signerThrottles: cloudwatch.Alarm;
  readonly webhookDeadLetters?: cloudwatch.Alarm;
  readonly notifierErrors?: cloudwatch.Alarm;
  readonly webhookBacklog?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    this.errors = new cloudwatch.Alarm(this, 'Errors', {
      alarmDescription:
        'The image-uploader thumbnailer failed; it retries twice, then parks the event in the DLQ.',
      metric: errors(props.thumbnailer),
      ...atLeastOne,
    });
    this.deadLetters = new cloudwatch.Alarm(this, 'DeadLetters', {
      alarmDescription: 'Uploads whose thumbnails failed every attempt are waiting in the thumbnailer DLQ.',
      metric: visibleMessages(props.deadLetterQueue),
      ...atLeastOne,
    });
    this.thumbnailerBacklog = new cloudwatch.Alarm(this, 'ThumbnailerBacklog', {
      alarmDescription:
        'Uploads waited over 15 minutes for the thumbnailer: its reserved concurrency (thumbnailer.concurrency) holds a burst back; after 6 hours events go to the DLQ.',
      // AsyncEventAge: time from Lambda queueing an event to invoking the function, in milliseconds.
      metric: props.thumbnailer.metric('AsyncEventAge', {
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: THUMBNAILER_BACKLOG_SECONDS * 1000,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.signerThrottles = new cloudwatch.Alarm(this, 'SignerThrottles', {
      alarmDescription:
        'The signer reached its reserved concurrency (signer.concurrency) and turned requests away with 429.',
      metric: props.signer.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      ...atLeastOne,
    });
    const alarms = [this.errors, this.deadLetters, this.thumbnailerBacklog, this.signerThrottles];
    const { webhook } = props;
    if (webhook) {
      this.webhookDeadLetters = new cloudwatch.Alarm(this, 'WebhookDeadLetters', {
        alarmDescription:
          'Image events the webhook receiver never accepted are waiting in the webhook DLQ (redrive them once it is fixed).',
        metric: visibleMessages(webhook.deadLetterQueue),
        ...atLeastOne,
      });
      this.notifierErrors = new cloudwatch.Alarm(this, 'NotifierErrors', {
        alarmDescription:
          'The image-uploader webhook notifier failed itself (not the receiver), e.g. it cannot read its secret.',
        metric: errors(webhook.notifier),
        ...atLeastOne,
      });
      this.webhookBacklog = new cloudwatch.Alarm(this, 'WebhookBacklog', {
        alarmDescription:
          'The oldest image event waiting for the webhook is over an hour old: the receiver keeps failing (retries go on).',
        metric: webhook.queue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: WEBHOOK_BACKLOG_SECONDS,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarms.push(this.webhookDeadLetters, this.notifierErrors, this.webhookBacklog);
    }
    if (props.alarmTopicArn) {
      const action = new SnsAction(sns.Topic.fromTopicArn(this, 'Topic', props.alarmTopicArn));
      for (const alarm of alarms) alarm.addAlarmAction(action);
    }
  }
}

const atLeastOne = {
  threshold: 1,
  evaluationPeriods: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;

function errors(fn: lambda.IFunction): cloudwatch.Metric {
  return fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM });
}

function visibleMessages(queue: sqs.IQueue): cloudwatch.Metric {
  return queue.metricApproximateNumberOfMessagesVisible({
    period: Duration.minutes(5),
    statistic: cloudwatch.Stats.MAXIMUM,
  });
}
