import { billingos } from '@billingos/supabase';
import { allowedOperations } from '../../lib/billing';

export default billingos.createSessionHandler({ allowedOperations: [...allowedOperations] });
