import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { EpochMillis } from '../../validation/decorators';

/** A message some consumer could not accept, kept whole with the reason so nothing is lost. */
export class DeadLetterEvent {
  @ApiProperty({ description: 'Topic the message was read from' })
  @IsString()
  topic!: string;

  @ApiProperty({ description: 'Partition it was read from', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  partition!: number | null;

  @ApiProperty({ description: 'Offset it was read from', nullable: true })
  @IsOptional()
  @IsString()
  offset!: string | null;

  @ApiProperty({ description: 'Message key, as UTF-8', nullable: true })
  @IsOptional()
  @IsString()
  key!: string | null;

  @ApiProperty({ description: 'Message value, as UTF-8, exactly as received' })
  @IsString()
  value!: string;

  @ApiProperty({ description: 'Why it was refused' })
  @IsString()
  reason!: string;

  @ApiProperty({ description: 'The consumer that refused it (client id or group)' })
  @IsString()
  consumer!: string;

  @EpochMillis('When it was refused')
  failedAt!: number;
}
