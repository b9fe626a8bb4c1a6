import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { ATTACHMENT_KINDS, type AttachmentKind } from './content-type.js';

/** The fields of an attachment upload besides its files (multipart/form-data). */
export class UploadAttachmentDto {
  @ApiProperty({ enum: ATTACHMENT_KINDS, description: 'What the files are' })
  @IsIn(ATTACHMENT_KINDS)
  kind: AttachmentKind;
}

export class SignedLinkQuery {
  @ApiProperty({ description: 'Unix time the link expires' })
  @IsString()
  @Matches(/^\d{1,12}$/, { message: 'expires must be a Unix time' })
  expires: string;
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'signature is malformed' })
  signature: string;
}
