with

source as (

    select * from {{ source('dedup', 'report_duplicates') }}

),

renamed as (

    select
        report_id,
        duplicate_of

    from source

)

select * from renamed
