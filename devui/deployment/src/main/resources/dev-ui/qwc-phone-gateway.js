import { LitElement, html, css } from 'lit';
import { apps, readinessPath, phonePath, mintPath, simulatorEnabled } from 'build-time-data';
import '@vaadin/button';
import '@vaadin/text-field';
import '@vaadin/select';
import 'qui-badge';

/**
 * phone-gateway in the Dev UI: the configured apps (build-time data: name, appId, default; never a secret),
 * token mode and state from the readiness check's "tokens" data, and a code minted at the simulator looked up
 * through POST /phone, all over the service's own HTTP endpoints.
 */
export class QwcPhoneGateway extends LitElement {

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        table { border-collapse: collapse; }
        th, td { text-align: left; padding: 0.3em 1em 0.3em 0; }
        th { color: var(--lumo-contrast-60pct); font-weight: normal; }
        .row { display: flex; gap: 1em; align-items: baseline; flex-wrap: wrap; }
        vaadin-select { width: 22em; }
        .problem { color: var(--lumo-error-text-color); }
        pre { margin: 0; padding: 0.5em; background: var(--lumo-contrast-5pct); white-space: pre-wrap; }
        code { font-size: 90%; }
    `;

    static properties = {
        _tokens: { state: true },
        _tokensProblem: { state: true },
        _appId: { state: true },
        _phoneNumber: { state: true },
        _minted: { state: true },
        _answer: { state: true },
        _problem: { state: true },
        _busy: { state: true }
    };

    constructor() {
        super();
        const preferred = apps.find(app => app.isDefault) || apps[0];
        this._appId = preferred ? preferred.appId : '';
        this._phoneNumber = '13800138000';
        this._busy = false;
    }

    connectedCallback() {
        super.connectedCallback();
        this._loadTokens();
    }

    render() {
        return html`
            ${this._renderState()}
            ${this._renderApps()}
            ${this._renderLookup()}
        `;
    }

    _renderState() {
        if (this._tokensProblem) {
            return html`<div class="problem">Readiness: ${this._tokensProblem}</div>`;
        }
        if (!this._tokens) {
            return html`<div>Reading ${readinessPath}…</div>`;
        }
        const data = this._tokens.data || {};
        return html`
            <div class="row">
                <span>Token mode <qui-badge>${data.tokenMode}</qui-badge></span>
                <span>Token store <qui-badge>${data.tokenStore}</qui-badge></span>
                ${data.redis === undefined ? '' : html`<span>Redis
                    <qui-badge level="${data.redis === 'up' ? 'success' : 'error'}">${data.redis}</qui-badge></span>`}
                <span>Readiness <qui-badge level="${this._tokens.status === 'UP' ? 'success' : 'error'}">
                    ${this._tokens.status}${data.degraded ? ', degraded' : ''}</qui-badge></span>
                <vaadin-button theme="tertiary" @click=${this._loadTokens}>Refresh</vaadin-button>
            </div>
            ${data.redisFailure ? html`<div class="problem">Redis: ${data.redisFailure} since ${data.redisDownSince}</div>` : ''}
        `;
    }

    _renderApps() {
        if (apps.length === 0) {
            return html`<div class="problem">No app configured under phone-gateway.apps.&lt;name&gt;.app-id</div>`;
        }
        const data = (this._tokens && this._tokens.data) || {};
        return html`
            <table>
                <tr><th>App</th><th>appid</th><th>Default</th><th>Token</th></tr>
                ${apps.map(app => html`
                    <tr>
                        <td>${app.name}</td>
                        <td><code>${app.appId}</code></td>
                        <td>${app.isDefault ? html`<qui-badge level="contrast">default</qui-badge>` : ''}</td>
                        <td>${data['token.' + app.name] || (data.tokenMode === 'cloud' ? 'not fetched (cloud mode)' : '')}</td>
                    </tr>`)}
            </table>
        `;
    }

    _renderLookup() {
        const items = apps.map(app => ({ label: app.name + ' (' + app.appId + ')', value: app.appId }));
        return html`
            <div class="row">
                <vaadin-select label="App" .items=${items} .value=${this._appId}
                    @value-changed=${e => this._appId = e.detail.value}></vaadin-select>
                <vaadin-text-field label="Phone number" .value=${this._phoneNumber}
                    @value-changed=${e => this._phoneNumber = e.detail.value}></vaadin-text-field>
                <vaadin-button ?disabled=${this._busy || !simulatorEnabled} @click=${this._mint}>Mint code</vaadin-button>
                <vaadin-button theme="primary" ?disabled=${this._busy || !this._minted} @click=${this._lookUp}>Look up</vaadin-button>
            </div>
            ${simulatorEnabled ? '' : html`<div>The simulator is off (phone-gateway.simulator.enabled): no code to mint.</div>`}
            ${this._minted ? html`<div>Code <code>${this._minted.code}</code> for <code>${this._minted.appId}</code>,
                valid ${this._minted.expiresInSeconds}s</div>` : ''}
            ${this._problem ? html`<div class="problem">${this._problem}</div>` : ''}
            ${this._answer ? html`<pre>${JSON.stringify(this._answer, null, 2)}</pre>` : ''}
        `;
    }

    async _loadTokens() {
        try {
            // 503 when not ready: the body is the same health JSON
            const body = await (await fetch(readinessPath, { headers: { Accept: 'application/json' } })).json();
            this._tokens = (body.checks || []).find(check => check.name === 'tokens');
            this._tokensProblem = this._tokens ? null : 'no "tokens" check in ' + readinessPath;
        } catch (e) {
            this._tokensProblem = e.message;
        }
    }

    async _mint() {
        // a failed mint must not leave the previous code to be looked up as if it were new
        this._minted = null;
        this._answer = null;
        this._minted = await this._post(mintPath, { appId: this._appId, phoneNumber: this._phoneNumber });
    }

    async _lookUp() {
        const minted = this._minted;
        this._answer = await this._post(phonePath, { code: minted.code, appId: minted.appId });
        this._loadTokens();
    }

    /** The answer's JSON, or null with the problem's title and detail shown. */
    async _post(path, body) {
        this._busy = true;
        this._problem = null;
        try {
            const response = await fetch(path, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
                body: JSON.stringify(body)
            });
            const text = await response.text();
            let json = null;
            try {
                json = text ? JSON.parse(text) : null;
            } catch (e) {
                // not JSON: shown as the status below
            }
            if (response.ok) {
                return json;
            }
            this._problem = QwcPhoneGateway.problemText(response.status, json);
            return null;
        } catch (e) {
            this._problem = e.message;
            return null;
        } finally {
            this._busy = false;
        }
    }

    static problemText(status, problem) {
        if (!problem || !problem.title) {
            return 'HTTP ' + status;
        }
        const code = problem.code ? ' (' + problem.code + ')' : '';
        return status + ' ' + problem.title + code + (problem.detail ? ': ' + problem.detail : '');
    }
}
customElements.define('qwc-phone-gateway', QwcPhoneGateway);
