import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { CommonEnv } from '@oversight/config';

export class ComplaintReviewsEnv extends CommonEnv {
  @IsString()
  @Matches(/^[\w.-]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS: string = '127.0.0.1:7233';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE: string = 'default';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE: string = 'complaint-reviews';

  /** Working days to acknowledge an application (domain.md 1.5, local service standard [U]). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  ACKNOWLEDGEMENT_WORKING_DAYS: number = 5;

  /** Run the Temporal worker and Kafka consumers in this process (off for an HTTP-only replica). */
  @IsIn(['true', 'false'])
  RUN_BACKGROUND_WORK: string = 'true';
}
