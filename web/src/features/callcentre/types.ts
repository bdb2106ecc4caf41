// Shapes of the call-centre API (/api/v1/callcentre), as the server's schemas define them.
import type { Named, ReportState } from '../../app/types';

export interface DistrictRef {
  code: number;
  name_th: string;
  name_en: string;
}

export interface CallerReport {
  code: string;
  state: ReportState;
  category: Named;
  district: DistrictRef | null;
  agency: Named;
  address: string | null;
  channel: string;
  matched_by: Array<'contact_phone' | 'sms_subscription' | 'account_phone'>;
  created_at: string;
  updated_at: string;
  fixed_at: string | null;
  closed_at: string | null;
}

export interface CallerHistory {
  phone: string;
  total: number;
  open: number;
  items: CallerReport[];
  readback_th: string;
  readback_en: string;
}

export interface ResolvedPlace {
  lat: number;
  lng: number;
  precision: 'district' | 'pin';
  district: DistrictRef;
  named_district: DistrictRef | null;
  district_mismatch: boolean;
  note_th: string;
  note_en: string;
}

export type FollowUp = 'none' | 'sms' | 'line';

export interface FiledReport {
  report: {
    code: string;
    state: ReportState;
    category: Named;
    district: DistrictRef | null;
    agency: Named;
    address: string | null;
    channel: string;
    created_at: string;
  };
  place: ResolvedPlace;
  follow_up: { channel: FollowUp; confirmation_queued: boolean };
  readback_th: string;
  readback_en: string;
}
