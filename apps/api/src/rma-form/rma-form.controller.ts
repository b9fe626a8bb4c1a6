import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { ApiErrors, ApiFileResponse } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { UuidParam } from '../common/params.js';
import { RmaFormService } from './rma-form.service.js';

@ApiTags('tickets')
@Controller()
export class RmaFormController {
  constructor(private readonly forms: RmaFormService) {}

  /** The printable RMA form (PDF) of an approved ticket: number, codes, return address, item, instructions. */
  @ApiOperation({ summary: 'Print the RMA form (PDF)' })
  @Get('tickets/:id/rma-form.pdf')
  @Roles(...ALL_ROLES)
  @ApiErrors(ErrorCode.CONFLICT)
  @ApiFileResponse('application/pdf', 'The RMA form, one A4 page')
  @Header('Cache-Control', 'private, no-store')
  async form(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    const { fileName, pdf } = await this.forms.render(p, id);
    return new StreamableFile(Buffer.from(pdf), {
      type: 'application/pdf',
      disposition: `inline; filename="${fileName}"`,
    });
  }
}
