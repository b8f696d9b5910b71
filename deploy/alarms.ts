import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Props of {@link ThumbnailerAlarms}. */
export interface ThumbnailerAlarmsProps {
  thumbnailer: lambda.IFunction;
  deadLetterQueue: sqs.IQueue;
  /** An existing SNS topic to notify; alarms have no actions without it. */
  alarmTopicArn?: string;
}

/**
 * Two alarms an operator needs: the thumbnailer failing (any error in five minutes) and events
 * piling up in its dead-letter queue (every retry failed, thumbnails are missing).
 */
export class ThumbnailerAlarms extends Construct {
  readonly errors: cloudwatch.Alarm;
  readonly deadLetters: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ThumbnailerAlarmsProps) {
    super(scope, id);
    this.errors = new cloudwatch.Alarm(this, 'Errors', {
      alarmDescription:
        'The image-uploader thumbnailer failed; it retries twice, then parks the event in the DLQ.',
      metric: props.thumbnailer.metricErrors({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.SUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.deadLetters = new cloudwatch.Alarm(this, 'DeadLetters', {
      alarmDescription: 'Uploads whose thumbnails failed every attempt are waiting in the thumbnailer DLQ.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopicArn) {
      const action = new SnsAction(sns.Topic.fromTopicArn(this, 'Topic', props.alarmTopicArn));
      for (const alarm of [this.errors, this.deadLetters]) alarm.addAlarmAction(action);
    }
  }
}
