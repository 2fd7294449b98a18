#!/usr/bin/env python3
"""Derives the Odoo test double's starting data (odoo/demo-seed.json) from the recordings in
../shared/backend-recordings/odoo-19: every value in the seed was read off a recorded response, the
first time the record appears (later files show the state after the recording changed it). Records
the recordings prove exist but never show are listed as "unrecorded" ids. Facts the README states
without a wire exchange (company currency, user logins and groups) are marked in "readme_facts".

Usage: scripts/odoo-demo-seed.py [RECORDINGS_DIR] > src/main/resources/cl/smartercl/mcp/testsupport/odoo/demo-seed.json
"""
import glob, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
rec_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '../../../shared/backend-recordings/odoo-19')
FIRST_CREATED = {'res.partner': 42, 'crm.lead': 45}  # ids at and above were created during the recording

def result(d):
    b = d['response']['body']
    if isinstance(b, dict) and ('result' in b or 'error' in b):
        return b.get('result')
    return b

records = {'res.partner': {}, 'crm.lead': {}, 'crm.stage': {}}
fields_meta = {}
lead_type = {}
for path in sorted(glob.glob(os.path.join(rec_dir, '[0-9][0-9]-*.json'))):
    d = json.load(open(path))
    r = d['request']
    if r['path'].startswith('/json/2/'):
        model, method = r['path'].split('/')[3:5]
        body = r.get('body') or {}
    elif r['path'] == '/jsonrpc' and r['body']['params']['service'] == 'object':
        args = r['body']['params']['args']
        model, method = args[3], args[4]
        body = {'domain': args[5][0] if args[5] else []}
    else:
        continue
    res = result(d)
    if method == 'fields_get' and isinstance(res, dict):
        fields_meta.setdefault(model, {}).update(res)
    if method not in ('search_read', 'read') or not isinstance(res, list) or model not in records:
        continue
    domain = body.get('domain') or []
    for rec in res:
        if rec['id'] >= FIRST_CREATED.get(model, 10**9):
            continue
        known = records[model].setdefault(rec['id'], {})
        for k, v in rec.items():
            known.setdefault(k, v)  # first seen wins
        if model == 'crm.lead' and ['type', '=', 'lead'] in domain:
            known.setdefault('type', 'lead')
        if model == 'crm.lead' and ['type', '=', 'opportunity'] in domain:
            known.setdefault('type', 'opportunity')

# File 88 lists every partner whose company_id is set (no company context, admin sees all companies):
# every other partner that existed at the start has company_id false.
company_bound = {p['id']: p['company_id'] for p in json.load(open(os.path.join(rec_dir, '88-json2-mc-partners-no-ctx.json')))['response']['body']}
for pid, rec in records['res.partner'].items():
    rec.setdefault('company_id', company_bound.get(pid, False))
    # every answer that lists a partner of the start came from a search with the implicit active test
    rec.setdefault('active', True)
# README: the 4 archived leads (7, 9, 11, 12) are leads; the archived opportunity is 28; all archived
# records have lost_reason_id false.
for lid, rec in records['crm.lead'].items():
    if 'type' not in rec:
        rec['type'] = 'lead' if lid in (7, 9, 11, 12) else None
# README: partner ids 1-41 existed (42 was the first created), 38 active + 3 archived.
unrecorded = [i for i in range(1, 42) if i not in records['res.partner']]

seed = {
    'source': 'derived from ../shared/backend-recordings/odoo-19 by scripts/odoo-demo-seed.py',
    'database': 'crm_rec',
    'version': json.load(open(os.path.join(rec_dir, '01-web-version.json')))['response']['body'],
    'common_version': result(json.load(open(os.path.join(rec_dir, '02-jsonrpc-common-version.json')))),
    'records': {m: [records[m][i] for i in sorted(records[m])] for m in records},
    'unrecorded': {'res.partner': {'ids': unrecorded, 'active': 38 - sum(1 for p in records['res.partner'].values() if p.get('active', True))}},
    'fields_get': fields_meta,
    # Stated by the README (no wire exchange shows them), or read off many2one values:
    'readme_facts': {
        'res.company': [{'id': 1, 'name': 'YourCompany', 'currency': 'USD', 'partner_id': 1}],
        'res.users': [
            {'id': 2, 'name': 'Mitchell Admin', 'login': 'admin', 'partner_id': 3, 'company_ids': [1], 'sales': 'admin'},
            {'id': 5, 'name': 'Marc Demo', 'login': 'demo', 'partner_id': 6, 'company_ids': [1], 'sales': 'own'},
            {'id': 6, 'name': 'Portal', 'login': 'portal', 'partner_id': None, 'company_ids': [1], 'sales': 'none'}],
        'res.groups': {'17': 'own', '18': 'all'},
        'crm.team': [{'id': 1, 'name': 'Sales'}, {'id': 4, 'name': 'Pre-Sales'}],
        'res.partner.category': [{'id': 1, 'name': 'Vendor'}, {'id': 2, 'name': 'Prospects'}, {'id': 3, 'name': 'Employees'},
            {'id': 4, 'name': 'Consulting Services'}, {'id': 5, 'name': 'Services'}, {'id': 6, 'name': 'Office Supplies'},
            {'id': 7, 'name': 'Desk Manufacturers'}],
        # ids from the recordings' many2one values (46 from the README); codes are ISO 3166
        'res.country': [{'id': 46, 'name': 'Chile', 'code': 'CL'}, {'id': 128, 'name': 'Liechtenstein', 'code': 'LI'},
            {'id': 139, 'name': 'Montenegro', 'code': 'ME'}, {'id': 203, 'name': 'San Marino', 'code': 'SM'},
            {'id': 233, 'name': 'United States', 'code': 'US'}],
        'res.users.apikeys': [{'id': 1, 'name': 'peer-test-key', 'user_id': 2, 'scope': False, 'expiration_date': False,
            'create_date': '2026-12-03 21:34:48'}],
        'next_ids': {'res.partner': 42, 'crm.lead': 45, 'res.users': 7, 'res.company': 2, 'res.users.apikeys': 2},
        # an assumption, not a recorded fact: Odoo's base data gives OdooBot, the public user and the portal
        # template the partner ids 2, 4 and 5; the README says those three are the archived ones
        'archived_unrecorded_partners': [2, 4, 5],
    },
}
print(json.dumps(seed, indent=1, ensure_ascii=False))
