-- The records of a sale. Every table is tenant-owned: tenant_id leads its primary key, its
-- foreign keys and its indexes (Citus-ready), and row-level security lets the application's role
-- see only the rows of the tenant its transaction named (set_config('fupan.tenant', …, true)).

create table app_user (
    tenant_id    text        not null references tenant (id),
    id           uuid        not null,
    username     text        not null,            -- the e-mail a user signs in with
    display_name text        not null,
    email        text,
    active       boolean     not null default true,
    team_id      uuid,
    keycloak_id  text,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    version      bigint      not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, username)
);

create table team (
    tenant_id   text        not null references tenant (id),
    id          uuid        not null,
    name        text        not null,
    manager_id  uuid,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    version     bigint      not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, name),
    foreign key (tenant_id, manager_id) references app_user (tenant_id, id)
);
alter table app_user add foreign key (tenant_id, team_id) references team (tenant_id, id);
create index app_user_team on app_user (tenant_id, team_id);

create table pipeline_stage (
    tenant_id    text          not null references tenant (id),
    key          text          not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    position     int           not null,
    label_zh     text          not null,
    label_en     text          not null,
    kind         text          not null check (kind in ('open', 'won', 'lost')),
    healthy_low  numeric(5, 4),            -- healthy conversion to the next stage, 0..1
    healthy_high numeric(5, 4),
    aging_days   int,                      -- "too long in this stage" threshold
    primary key (tenant_id, key)
);

create table custom_attribute (
    tenant_id  text  not null references tenant (id),
    entity     text  not null check (entity in ('lead', 'account', 'opportunity')),
    key        text  not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
    type       text  not null check (type in ('text', 'number', 'boolean', 'date', 'choice')),
    label_zh   text  not null,
    label_en   text  not null,
    choices    jsonb,
    primary key (tenant_id, entity, key)
);

create table account (
    tenant_id      text           not null references tenant (id),
    id             uuid           not null,
    external_id    text,
    name           text           not null,
    industry       text,
    region         text,
    employees      int,
    annual_revenue numeric(20, 2),
    tier           text,
    parent_id      uuid,
    owner_id       uuid,
    shared         boolean        not null default false,   -- visible to the owner's team
    custom         jsonb          not null default '{}'::jsonb,
    created_at     timestamptz    not null default now(),
    updated_at     timestamptz    not null default now(),
    version        bigint         not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, parent_id) references account (tenant_id, id),
    foreign key (tenant_id, owner_id) references app_user (tenant_id, id)
);
create unique index account_external on account (tenant_id, external_id) where external_id is not null;
create index account_owner on account (tenant_id, owner_id);
create index account_parent on account (tenant_id, parent_id);

create table contact (
    tenant_id     text        not null references tenant (id),
    id            uuid        not null,
    external_id   text,
    name          text        not null,
    account_id    uuid,
    title         text,
    department    text,
    email         text,
    phone         text,
    reports_to_id uuid,
    buying_role   text check (buying_role in ('decision_maker', 'economic_buyer', 'technical_evaluator',
                                              'influencer', 'user', 'champion', 'blocker')),
    owner_id      uuid,
    shared        boolean     not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    version       bigint      not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, account_id) references account (tenant_id, id),
    foreign key (tenant_id, reports_to_id) references contact (tenant_id, id),
    foreign key (tenant_id, owner_id) references app_user (tenant_id, id)
);
create unique index contact_external on contact (tenant_id, external_id) where external_id is not null;
create index contact_account on contact (tenant_id, account_id);
create index contact_owner on contact (tenant_id, owner_id);

create table opportunity (
    tenant_id        text           not null references tenant (id),
    id               uuid           not null,
    external_id      text,
    name             text           not null,
    account_id       uuid,
    owner_id         uuid,
    amount           numeric(20, 2),
    currency         char(3)        not null,
    channel          text,
    industry         text,
    region           text,
    stage            text           not null,
    stage_entered_at timestamptz    not null,
    close_date       date,
    closed_at        timestamptz,
    lead_id          uuid,
    shared           boolean        not null default false,
    custom           jsonb          not null default '{}'::jsonb,
    created_at       timestamptz    not null default now(),
    updated_at       timestamptz    not null default now(),
    version          bigint         not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, account_id) references account (tenant_id, id),
    foreign key (tenant_id, owner_id) references app_user (tenant_id, id),
    foreign key (tenant_id, stage) references pipeline_stage (tenant_id, key)
);
create unique index opportunity_external on opportunity (tenant_id, external_id) where external_id is not null;
create index opportunity_owner on opportunity (tenant_id, owner_id);
create index opportunity_account on opportunity (tenant_id, account_id);
create index opportunity_created on opportunity (tenant_id, created_at);
create index opportunity_stage on opportunity (tenant_id, stage);

create table stage_history (
    tenant_id      text        not null references tenant (id),
    id             uuid        not null,
    opportunity_id uuid        not null,
    stage          text        not null,
    entered_at     timestamptz not null,
    moved_by_id    uuid,
    primary key (tenant_id, id),
    foreign key (tenant_id, opportunity_id) references opportunity (tenant_id, id) on delete cascade,
    foreign key (tenant_id, moved_by_id) references app_user (tenant_id, id)
);
create index stage_history_opportunity on stage_history (tenant_id, opportunity_id, entered_at);

create table lead (
    tenant_id                text        not null references tenant (id),
    id                       uuid        not null,
    external_id              text,
    name                     text        not null,
    company                  text,
    email                    text,
    phone                    text,
    channel                  text,
    industry                 text,
    region                   text,
    employees                int,
    status                   text        not null check (status in ('new', 'contacted', 'mql', 'sql', 'converted', 'disqualified')),
    status_changed_at        timestamptz not null,
    owner_id                 uuid,
    converted_account_id     uuid,
    converted_contact_id     uuid,
    converted_opportunity_id uuid,
    shared                   boolean     not null default false,
    custom                   jsonb       not null default '{}'::jsonb,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now(),
    version                  bigint      not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, owner_id) references app_user (tenant_id, id),
    foreign key (tenant_id, converted_account_id) references account (tenant_id, id),
    foreign key (tenant_id, converted_contact_id) references contact (tenant_id, id),
    foreign key (tenant_id, converted_opportunity_id) references opportunity (tenant_id, id)
);
create unique index lead_external on lead (tenant_id, external_id) where external_id is not null;
create index lead_owner on lead (tenant_id, owner_id);
create index lead_status on lead (tenant_id, status);
create index lead_created on lead (tenant_id, created_at);
alter table opportunity add foreign key (tenant_id, lead_id) references lead (tenant_id, id);

create table lead_status_history (
    tenant_id   text        not null references tenant (id),
    id          uuid        not null,
    lead_id     uuid        not null,
    status      text        not null,
    changed_at  timestamptz not null,
    changed_by_id uuid,
    primary key (tenant_id, id),
    foreign key (tenant_id, lead_id) references lead (tenant_id, id) on delete cascade,
    foreign key (tenant_id, changed_by_id) references app_user (tenant_id, id)
);
create index lead_status_history_lead on lead_status_history (tenant_id, lead_id, changed_at);

create table activity (
    tenant_id      text        not null references tenant (id),
    id             uuid        not null,
    external_id    text,
    type           text        not null check (type ~ '^[a-z][a-z0-9_]{0,39}$'),
    occurred_at    timestamptz not null,
    subject        text,
    detail         text,
    lead_id        uuid,
    contact_id     uuid,
    opportunity_id uuid,
    owner_id       uuid,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    version        bigint      not null default 0,
    primary key (tenant_id, id),
    check (num_nonnulls(lead_id, contact_id, opportunity_id) = 1),
    foreign key (tenant_id, lead_id) references lead (tenant_id, id) on delete cascade,
    foreign key (tenant_id, contact_id) references contact (tenant_id, id) on delete cascade,
    foreign key (tenant_id, opportunity_id) references opportunity (tenant_id, id) on delete cascade,
    foreign key (tenant_id, owner_id) references app_user (tenant_id, id)
);
create unique index activity_external on activity (tenant_id, external_id) where external_id is not null;
create index activity_lead on activity (tenant_id, lead_id, occurred_at) where lead_id is not null;
create index activity_contact on activity (tenant_id, contact_id, occurred_at) where contact_id is not null;
create index activity_opportunity on activity (tenant_id, opportunity_id, occurred_at) where opportunity_id is not null;

create table audit_event (
    tenant_id   text        not null references tenant (id),
    id          uuid        not null,
    at          timestamptz not null default now(),
    actor       text        not null,     -- user name, or 'system' / 'import'
    entity_type text        not null,
    entity_id   uuid        not null,
    action      text        not null check (action in ('create', 'update', 'delete')),
    field       text,
    old_value   text,
    new_value   text,
    primary key (tenant_id, id)
);
create index audit_event_entity on audit_event (tenant_id, entity_type, entity_id, at);
create index audit_event_at on audit_event (tenant_id, at);
