-- Every data-quality check family has its Chinese wording in the seed check_messages
-- (severity warn: without one, message_zh falls back to a generic sentence naming the
-- check; add a row to seeds/check_messages.csv).
{{ config(severity='warn') }}

select distinct
    {{ check_family('quality.check_name') }} as check_family,
    quality.check_name
from {{ ref('fct_data_quality') }} as quality
left join {{ ref('check_messages') }} as messages
    on {{ check_family('quality.check_name') }} = messages.check_family
where messages.check_family is null
