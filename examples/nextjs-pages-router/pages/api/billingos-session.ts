import { billingos } from '@billingos/supabase';

export default billingos.createSessionHandler();
