-- The Chinese word for every coded value of the marts (phase 'final' is 决算, document_kind
-- 'budget' is 部门预算, …): join on (code_type, code) to show labels instead of codes.

with

labels as (

    select * from {{ ref('code_labels') }}

)

select
    code_type,
    code,
    label_zh
from labels
