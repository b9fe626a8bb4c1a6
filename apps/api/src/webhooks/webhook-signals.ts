import { Injectable } from '@nestjs/common';
import { Signals } from '../common/signals.js';

/** Nudges the webhook dispatcher when a delivery was written (on a server, NOTIFY does it across processes). */
@Injectable()
export class WebhookSignals extends Signals {}
