import { billingos } from '@billingos/supabase';
import { allowedOperations } from '../../../lib/billing';

export const GET = billingos.createSessionRoute({ allowedOperations: [...allowedOperations] });
