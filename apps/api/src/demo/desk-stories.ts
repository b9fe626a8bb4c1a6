import { storyBuilders, withCustomers, type Story } from './desk-builders.js';

/** The desk's tickets: every status, reason, route, manufacturer and both resellers, with their histories. */
export function stories(now: Date): Story[] {
  const {
    grandstream,
    portal,
    dapustor,
    dexxon,
    orderError,
    deliveryError,
    act,
    approve,
    ship,
    receive,
    inspect,
    resolve,
    returned,
  } = storyBuilders(now);
  const told: Story[] = [
    // ---- drafts -------------------------------------------------------------------------------
    {
      day: 0.05,
      by: 'alex',
      ticket: {
        reason: 'DEFECT',
        product: { manufacturer: 'grandstream', sku: 'GS-GRP2612' },
      },
    },
    {
      day: 1.3,
      by: 'ben',
      ticket: {
        reason: 'ORDER_ERROR',
        product: { manufacturer: 'dexxon', sku: 'DX-SSD1T' },
      },
    },

    // ---- Grandstream: the support ticket first -------------------------------------------------
    {
      day: 3.2,
      by: 'alex',
      ticket: grandstream('GSA1002', 'No audio on the handset after a firmware update'),
    },
    {
      day: 0.9,
      by: 'ben',
      ticket: grandstream('GSB1026', 'Access point reboots every few minutes', undefined, {
        sku: 'GS-GWN7660',
      }),
    },
    {
      day: 2.1,
      by: 'ada',
      ticket: grandstream('GSA1005', 'Mesh link drops at night', 'GS-481516', { sku: 'GS-GWN7660' }),
    },
    {
      day: 45.3,
      by: 'alex',
      ticket: grandstream('GSA7001', 'Display stays dark after power-on', undefined, {
        purchaseDaysAgo: 300,
      }),
      steps: [
        act(44.9, 'alex', { action: 'PROVIDE_SUPPORT_TICKET', supportTicketNumber: 'GS-230117' }),
        ...returned(43.8, 'alex', 'DHL', 'JD014600006281234561'),
        resolve(38.7, 'REPAIRED', { note: 'Display connector reseated and tested for 24 hours' }),
        act(30.2, 'theo', { action: 'CLOSE' }),
      ],
    },
    {
      day: 17.4,
      by: 'bea',
      ticket: grandstream('GSB1023', 'Keypad buttons stick', 'GS-554201'),
    },
    {
      day: 50.1,
      by: 'ben',
      ticket: grandstream('GSB7002', 'Phone loses its registration', 'GS-300451', { purchaseDaysAgo: 250 }),
      steps: [...returned(48.9, 'ben', 'PostNL', '3SPOST0051234'), resolve(20.3, 'REPAIRED')],
    },

    // ---- vendor portals: redirected ------------------------------------------------------------
    { day: 6.2, by: 'alex', ticket: portal('ubiquiti', 'UIA1011', 'PoE port dead, no link light') },
    { day: 12.5, by: 'bea', ticket: portal('innovaphone', 'IPB1029', 'Speakerphone crackles') },
    { day: 20.7, by: 'ben', ticket: portal('ubiquiti', 'UIB1032', 'Adopts, then drops off the controller') },
    { day: 1.9, by: 'ada', ticket: portal('innovaphone', 'IPA1008', 'Boot loop after provisioning') },
    { day: 31.4, by: 'alex', ticket: portal('ubiquiti', 'UIA7024', 'Radio does not transmit on 5 GHz', 400) },

    // ---- DapuStor: forwarded by webhook ----------------------------------------------------------
    {
      day: 2.3,
      by: 'alex',
      ticket: dapustor('DS2541A0001014', 310, 'Drive drops off the bus under load', 'PO-7781'),
    },
    { day: 0.2, by: 'ada', ticket: dapustor('DS2541A0007002', 95, 'SMART reports media errors') },
    { day: 16.6, by: 'bea', ticket: dapustor('DS2541B0001035', 540, 'Link trains at PCIe Gen2 only') },
    {
      day: 20.1,
      by: 'alex',
      ticket: dapustor('DS2541A0007003', 120, 'Firmware update bricked the drive', 'PO-7795'),
      steps: [{ day: 18.4, vendor: 'rma.accepted', data: { vendorRmaNumber: 'DPS-RMA-251108' } }],
    },
    {
      day: 25.2,
      by: 'ben',
      ticket: dapustor('DS2541B0007004', 880, 'Write latency spikes'),
      steps: [
        {
          day: 22.6,
          vendor: 'rma.rejected',
          data: { reason: 'No fault found: the drive passed our diagnostics; check the host adapter' },
        },
      ],
    },
    {
      day: 40.3,
      by: 'alex',
      ticket: dapustor('DS2541A0007005', 260, 'Drive not detected by the BIOS'),
      steps: [
        { day: 37.6, vendor: 'rma.accepted', data: { vendorRmaNumber: 'DPS-RMA-251012' } },
        {
          day: 30.5,
          vendor: 'rma.replacement_shipped',
          data: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', replacementSerial: 'DS2542A0099001' },
        },
      ],
    },
    {
      day: 60.2,
      by: 'bea',
      ticket: dapustor('DS2541B0007006', 150, 'Controller overheats and throttles'),
      steps: [
        { day: 57.1, vendor: 'rma.accepted', data: { vendorRmaNumber: 'DPS-RMA-250930' } },
        { day: 50.4, vendor: 'rma.closed', data: { note: 'Credit note CN-88120 issued to the distributor' } },
      ],
    },
    {
      day: 9.3,
      by: 'alex',
      ticket: dapustor('DS2541A0007007', 40, 'Drive reports the wrong capacity'),
      steps: [act(8.1, 'alex', { action: 'CANCEL', note: 'The customer found a misconfigured RAID set' })],
    },
    {
      day: 80.2,
      by: 'ada',
      ticket: dapustor('DS2541A0007008', 700, 'Drive read-only after a power loss'),
      steps: [
        { day: 76.3, vendor: 'rma.rejected', data: { reason: 'Physical damage to the connector' } },
        act(70.5, 'dana', { action: 'CLOSE', note: 'Explained to Alpha IT; nothing more to do' }),
      ],
    },

    // ---- in-house: Dexxon, the house brand --------------------------------------------------------
    { day: 1.1, by: 'ben', ticket: dexxon('DX-SSD1T', 'DXB1040', 'Drive clicks and is not recognised') },
    { day: 20.4, by: 'alex', ticket: dexxon('DX-SSD1T', 'DXA1020', 'Bad sectors after three months') },
    {
      day: 8.4,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA7009', 'Drive disappears after sleep', 150),
      steps: [
        act(7.2, 'theo', {
          action: 'REQUEST_INFO',
          note: 'Please attach a photo of the label with the serial',
        }),
      ],
    },
    {
      day: 4.3,
      by: 'bea',
      ticket: dexxon('DX-SD64', 'DXB1038', 'Card is read-only'),
      steps: [act(3.1, 'theo', { action: 'AUTHORISE_DESTRUCTION' })],
    },
    {
      day: 2.2,
      by: 'alex',
      ticket: dexxon('DX-SD64', 'DXA1017', 'Card not detected in the camera'),
      steps: [act(1.4, 'dana', { action: 'AUTHORISE_DESTRUCTION' }), resolve(0.04, 'DESTROYED_AND_CREDITED')],
    },
    {
      day: 14.3,
      by: 'ada',
      ticket: dexxon('DX-SD64', 'DXA7010', 'Files corrupted on every write', 120),
      steps: [
        act(13.6, 'theo', { action: 'AUTHORISE_DESTRUCTION' }),
        resolve(10.2, 'DESTROYED_AND_CREDITED', { note: 'Destroyed on site, photo on file' }),
      ],
    },
    {
      day: 30.4,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA7011', 'Slow writes', 100),
      steps: [
        ...returned(29.2, 'alex', 'DHL', 'JD014600006281234588'),
        resolve(15.3, 'NOT_DEFECTIVE', { note: 'Passed a full surface scan and a 12-hour write test' }),
      ],
    },
    {
      day: 10.2,
      by: 'bea',
      ticket: dexxon('DX-SSD1T', 'DXB1041', 'Dropped during installation, casing cracked'),
      steps: [
        act(8.3, 'theo', { action: 'REJECT', note: 'Physical damage visible on the photos: not covered' }),
      ],
    },
    {
      day: 40.1,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA7012', 'Drive freezes the system', 90),
      steps: [approve(39.5)],
    },

    // ---- approved, shipped, received, inspecting ----------------------------------------------------
    {
      day: 15.2,
      by: 'alex',
      ticket: grandstream('GSA7023', 'Wi-Fi radio stops after an hour', 'GS-602214', {
        sku: 'GS-GWN7660',
        purchaseDaysAgo: 180,
      }),
      steps: [
        act(14.6, 'theo', {
          action: 'REQUEST_INFO',
          note: 'Which firmware version does the access point run?',
        }),
        act(13.1, 'alex', { action: 'SUPPLY_INFO', note: 'Firmware 1.0.27.4, factory reset did not help' }),
        approve(11.2),
      ],
    },
    { day: 3.5, by: 'bea', ticket: orderError('innovaphone', 'IP-IP112', 6), steps: [approve(2.8)] },
    {
      day: 1.6,
      by: 'alex',
      ticket: grandstream('GSA7013', 'Handset cord socket broken', 'GS-612345', { purchaseDaysAgo: 90 }),
      steps: [approve(1.2, 'dana')],
    },
    {
      day: 6.4,
      by: 'alex',
      ticket: orderError('ubiquiti', 'UI-U6-LITE', 9, { resellerReference: 'PO-7802' }),
      steps: [approve(6.1), ship(4.2, 'alex', 'DHL', 'JD014600006281234601')],
    },
    {
      day: 9.5,
      by: 'ben',
      ticket: dexxon('DX-SSD1T', 'DXB7014', 'Checksum errors in the log', 60),
      steps: [approve(9.1), ship(7.3, 'ben', 'UPS', '1Z999AA10123456799')],
    },
    {
      day: 6.2,
      by: 'ada',
      ticket: grandstream('GSA7015', 'Speaker distorts at any volume', 'GS-623456', { purchaseDaysAgo: 120 }),
      steps: [approve(5.9), ship(4.6, 'ada', 'PostNL', '3SPOST0051299'), receive(2.1)],
    },
    {
      day: 4.1,
      by: 'bea',
      ticket: orderError('dexxon', 'DX-SSD1T', 7),
      steps: [approve(3.9), ship(3.2, 'bea', 'DPD', '05212345678901'), receive(1.2)],
    },
    {
      day: 12.2,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA7016', 'SMART warning: reallocated sectors', 80),
      steps: [approve(11.8), ship(11.1, 'alex', 'DHL', 'JD014600006281234622'), receive(10.3), inspect(9.2)],
    },
    {
      day: 40.3,
      by: 'ben',
      ticket: grandstream('GSB7017', 'Phone does not power over PoE', 'GS-634567', { purchaseDaysAgo: 200 }),
      steps: [approve(39.6), ship(38.2, 'ben', 'PostNL', '3SPOST0051311'), receive(35.1), inspect(34.8)],
    },

    // ---- resolved, closed ----------------------------------------------------------------------------
    {
      day: 25.3,
      by: 'bea',
      ticket: orderError('grandstream', 'GS-GWN7660', 33, { resellerReference: 'BN-2231' }),
      steps: [...returned(24.6, 'bea', 'DPD', '05212345678933'), resolve(16.2, 'CREDITED')],
    },
    {
      day: 21.2,
      by: 'alex',
      ticket: deliveryError('dexxon', 'DX-SSD1T', 3 + 21, 'Received the 512 GB model instead of 1 TB'),
      steps: [
        ...returned(20.8, 'alex', 'DHL', 'JD014600006281234640'),
        resolve(12.4, 'REPLACED', { replacementSerial: 'DXA9001', note: 'Sent the 1 TB model' }),
      ],
    },
    {
      day: 70.3,
      by: 'ada',
      ticket: orderError('grandstream', 'GS-GRP2612', 75, { resellerReference: 'PO-7705' }),
      steps: [
        ...returned(69.5, 'ada', 'DHL', 'JD014600006281234677'),
        resolve(60.1, 'CREDITED'),
        act(55.2, 'theo', { action: 'CLOSE' }),
      ],
    },
    {
      day: 90.2,
      by: 'bea',
      ticket: dexxon('DX-SSD1T', 'DXB7018', 'Drive dead on arrival at the customer', 100),
      steps: [
        ...returned(89.4, 'bea', 'UPS', '1Z999AA10123456811'),
        resolve(70.4, 'REPLACED', { replacementSerial: 'DXB9002' }),
        act(60.3, 'dana', { action: 'CLOSE' }),
      ],
    },

    // ---- rejected, expired, cancelled -------------------------------------------------------------
    { day: 5.2, by: 'alex', ticket: orderError('dexxon', 'DX-SSD1T', 10, { unused: false }) },
    {
      day: 11.3,
      by: 'ben',
      ticket: deliveryError(
        'ubiquiti',
        'UI-U6-LITE',
        40,
        'Two of the five access points in the box were U6 Pro',
      ),
    },
    {
      day: 26.2,
      by: 'alex',
      ticket: orderError('grandstream', 'GS-GRP2612', 29, { unused: false, resellerReference: 'PO-7760' }),
      steps: [
        act(19.3, 'dana', {
          action: 'REOPEN',
          note: 'Goodwill: Alpha IT’s long-standing customer, unused after all',
        }),
        approve(18.2),
      ],
    },
    {
      day: 45.4,
      by: 'ben',
      ticket: grandstream('GSB7019', 'Line keys do not light', 'GS-645678', { purchaseDaysAgo: 330 }),
      steps: [
        approve(45.1),
        act(28.3, 'ben', { action: 'REAPPLY', note: 'The parcel was held by the customer; shipping now' }),
      ],
    },
    {
      day: 6.3,
      by: 'bea',
      ticket: dexxon('DX-SSD1T', 'DXB7020', 'Intermittent disconnects', 30),
      steps: [act(5.1, 'bea', { action: 'CANCEL', note: 'The customer found a loose SATA cable' })],
    },
    {
      day: 12.3,
      by: 'alex',
      ticket: grandstream('GSA7021', 'Phone reboots on incoming calls', 'GS-656789', { purchaseDaysAgo: 60 }),
      steps: [
        approve(11.9),
        act(10.2, 'dana', { action: 'CANCEL', note: 'Replaced on site by the reseller from its own stock' }),
      ],
    },

    // ---- out of warranty: a repair quote instead of the vendor -----------------------------------------
    { day: 3.1, by: 'alex', ticket: grandstream('GSA1003', 'Cracked display') },
    {
      day: 4.2,
      by: 'bea',
      ticket: dapustor('DS2541B0007022', 1600, 'Drive at end of life: wear indicator 100%'),
    },
    {
      day: 7.3,
      by: 'alex',
      ticket: dapustor('DS2310A0001015', 900, 'Drive reports uncorrectable errors'),
      steps: [approve(6.8)],
    },

    // ---- today's arrivals ------------------------------------------------------------------------
    { day: 0.5, by: 'ben', ticket: deliveryError('dexxon', 'DX-SD64', 2, 'Ordered 20 cards, received 10') },
    {
      day: 0.3,
      by: 'bea',
      ticket: orderError('innovaphone', 'IP-IP112', 4, { resellerReference: 'BN-2240' }),
    },
    {
      day: 0.15,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA1019', 'Drive not detected after a BIOS update'),
    },
    { day: 13.2, by: 'ada', ticket: orderError('dexxon', 'DX-SSD1T', 20) },
    {
      day: 5.6,
      by: 'ben',
      ticket: deliveryError('dexxon', 'DX-SD64', 8, 'Cards arrived without their adapters'),
      steps: [act(4.4, 'theo', { action: 'REQUEST_INFO', note: 'How many cards are affected?' })],
    },
  ];
  return withCustomers(told);
}
