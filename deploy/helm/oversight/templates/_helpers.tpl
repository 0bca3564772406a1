{{/*
Deep merge of two maps where every key present in src wins, false and empty lists included
(sprig's merge/mergeOverwrite skip "empty" values, so `enabled: false` would be lost).
Usage: include "oversight.merge" (dict "dst" (deepCopy $defaults) "src" $override) | fromYaml
*/}}
{{- define "oversight.merge" -}}
{{- $dst := .dst -}}
{{- range $k, $v := .src -}}
{{- if and (kindIs "map" $v) (kindIs "map" (get $dst $k)) -}}
{{- $_ := set $dst $k (include "oversight.merge" (dict "dst" (get $dst $k) "src" $v) | fromYaml) -}}
{{- else -}}
{{- $_ := set $dst $k $v -}}
{{- end -}}
{{- end -}}
{{- toYaml $dst -}}
{{- end -}}

{{/* The effective settings of one service: serviceDefaults overridden by services.<name>. */}}
{{- define "oversight.service" -}}
{{- include "oversight.merge" (dict "dst" (deepCopy .root.Values.serviceDefaults) "src" (.cfg | default dict)) -}}
{{- end -}}

{{- define "oversight.name" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "oversight.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component | default "api" }}
{{- end -}}

{{- define "oversight.labels" -}}
{{ include "oversight.selectorLabels" . }}
app.kubernetes.io/part-of: oversight
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "oversight.image" -}}
{{- $i := .root.Values.image -}}
{{- printf "%s/%s%s%s:%s" $i.registry $i.repositoryPrefix .name (.suffix | default "") ($i.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* "name=url,…" of every enabled service behind the gateway. */}}
{{- define "oversight.upstreams" -}}
{{- $root := . -}}
{{- $out := list -}}
{{- range $name, $cfg := .Values.services -}}
{{- $svc := include "oversight.service" (dict "root" $root "cfg" $cfg) | fromYaml -}}
{{- if and $svc.enabled $svc.upstream -}}
{{- $out = append $out (printf "%s=http://%s" $name (include "oversight.name" (dict "root" $root "name" $name))) -}}
{{- end -}}
{{- end -}}
{{- join "," $out -}}
{{- end -}}

{{/* The environment every container of a service gets. */}}
{{- define "oversight.env" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
- name: SERVICE_NAME
  value: {{ .name | quote }}
- name: NODE_ENV
  value: production
- name: PORT
  value: {{ $svc.port | int | quote }}
- name: HTTP_HOST
  value: 0.0.0.0
- name: KAFKA_BROKERS
  value: {{ $root.Values.kafka.brokers | quote }}
{{- if .versioned }}
- name: TEMPORAL_WORKER_VERSIONING
  value: "on"
- name: TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR
  value: {{ $root.Values.workers.versioning.defaultBehavior | quote }}
{{- else }}
- name: TEMPORAL_ADDRESS
  value: {{ $root.Values.temporal.address | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ $root.Values.temporal.namespace | quote }}
{{- end }}
{{- if $svc.temporal }}
{{- include "oversight.temporalSecurityEnv" $root }}
{{- end }}
- name: AUTH_ISSUER
  value: {{ $root.Values.auth.issuer | quote }}
- name: AUTH_AUDIENCE
  value: {{ $root.Values.auth.audience | quote }}
- name: AUTH_JWKS_URL
  value: {{ $root.Values.auth.jwksUrl | quote }}
- name: INTERNAL_JWKS_URL
  value: {{ printf "http://%s/internal/jwks.json" (include "oversight.name" (dict "root" $root "name" "gateway")) | quote }}
- name: RUN_BACKGROUND_WORK
  value: {{ .background | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ .name | quote }}
- name: OTEL_TRACES_EXPORTER
  value: {{ $root.Values.tracing.exporter | quote }}
{{- if eq $root.Values.tracing.exporter "otlp" }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $root.Values.tracing.endpoint | quote }}
- name: OTEL_TRACES_SAMPLER
  value: {{ $root.Values.tracing.sampler | quote }}
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ $root.Values.tracing.samplerArg | quote }}
{{- end }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ $root.Values.tracing.resourceAttributes | quote }}
{{- if eq .name "gateway" }}
- name: UPSTREAMS
  value: {{ include "oversight.upstreams" $root | quote }}
- name: LOCAL_ISSUER_ENABLED
  value: {{ $root.Values.auth.localIssuer | quote }}
{{- end }}
{{- if eq .name "staff-ui" }}
- name: GATEWAY_URL
  value: {{ printf "http://%s" (include "oversight.name" (dict "root" $root "name" "gateway")) | quote }}
{{- end }}
{{- if $svc.database.secretName }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $svc.database.secretName }}
      key: {{ $svc.database.secretKey }}
{{- end }}
{{- range $k, $v := $svc.env }}
- name: {{ $k }}
  value: {{ $v | quote }}
{{- end }}
{{- end -}}

{{- define "oversight.podSpecCommon" -}}
{{- $root := .root -}}
serviceAccountName: {{ include "oversight.name" (dict "root" $root "name" .name) }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
terminationGracePeriodSeconds: {{ $root.Values.terminationGracePeriodSeconds }}
{{- with $root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if $root.Values.topologySpread }}
topologySpreadConstraints:
  {{- range $key := list "kubernetes.io/hostname" "topology.kubernetes.io/zone" }}
  - maxSkew: 1
    topologyKey: {{ $key }}
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "oversight.selectorLabels" (dict "root" $root "name" $.name "component" $.component) | nindent 8 }}
  {{- end }}
{{- end }}
volumes:
  # The root filesystem is read-only: scratch space for node and the Temporal bundler.
  - name: tmp
    emptyDir:
      sizeLimit: 256Mi
  {{- range .secretFiles }}
  # A key from a Secret, as a file (its path in the setting {{ .env }}): shared by every replica.
  - name: {{ include "oversight.secretFileVolume" . }}
    secret:
      secretName: {{ .secretName }}
      defaultMode: 0440
      items:
        - key: {{ .key }}
          path: {{ .key }}
  {{- end }}
{{- end -}}

{{- define "oversight.secretFileVolume" -}}
{{- printf "file-%s" (.env | lower | replace "_" "-") | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Settings naming the files of a service's secretFiles, and their mounts (read-only). */}}
{{- define "oversight.secretFileEnv" -}}
{{- range . }}
- name: {{ .env }}
  value: /var/run/secrets/oversight/{{ include "oversight.secretFileVolume" . }}/{{ .key }}
{{- end }}
{{- end -}}

{{- define "oversight.secretFileMounts" -}}
{{- range . }}
- name: {{ include "oversight.secretFileVolume" . }}
  mountPath: /var/run/secrets/oversight/{{ include "oversight.secretFileVolume" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "oversight.probes" -}}
{{- $p := .root.Values.probes -}}
startupProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: {{ $p.startup.periodSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
  timeoutSeconds: {{ $p.startup.timeoutSeconds }}
livenessProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: {{ $p.liveness.periodSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
readinessProbe:
  httpGet: { path: /health/ready, port: http }
  periodSeconds: {{ $p.readiness.periodSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
{{- end -}}

{{/* The Temporal Worker Controller's Connection the versioned workers use. */}}
{{- define "oversight.temporalConnectionName" -}}
{{- .Values.workers.versioning.connection.name | default (printf "%s-temporal" .Release.Name) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
A worker's pod template (a Deployment's, or the Worker Controller's WorkerDeployment's). Versioned
(controller): no TEMPORAL_ADDRESS/TEMPORAL_NAMESPACE (the controller injects them from its Connection,
with TEMPORAL_DEPLOYMENT_NAME and TEMPORAL_WORKER_BUILD_ID), TEMPORAL_WORKER_VERSIONING=on.
*/}}
{{- define "oversight.workerPodTemplate" -}}
{{- $ := .root -}}
{{- $svc := .svc -}}
{{- $name := .name -}}
metadata:
  labels:
    {{- include "oversight.labels" .ctx | nindent 4 }}
spec:
  {{- include "oversight.podSpecCommon" (merge (dict "secretFiles" .secretFiles) .ctx) | nindent 2 }}
  containers:
    - name: {{ $name }}-worker
      image: {{ include "oversight.image" .ctx }}
      imagePullPolicy: {{ $.Values.image.pullPolicy }}
      command:
        {{- if $svc.worker.command }}
        {{- toYaml $svc.worker.command | nindent 8 }}
        {{- else }}
        - node
        - --enable-source-maps
        - dist/apps/{{ $name }}/worker.js
        {{- end }}
      ports:
        - name: http
          containerPort: {{ $svc.port | int }}
          protocol: TCP
      env:
        {{- include "oversight.env" (dict "root" $ "name" $name "svc" $svc "background" "true" "versioned" .versioned) | nindent 8 }}
        {{- include "oversight.secretFileEnv" .secretFiles | nindent 8 }}
      {{- if $svc.existingSecret }}
      envFrom:
        - secretRef:
            name: {{ $svc.existingSecret }}
      {{- end }}
      {{- include "oversight.probes" .ctx | nindent 6 }}
      resources:
        {{- toYaml $svc.worker.resources | nindent 8 }}
      securityContext:
        {{- toYaml $.Values.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- include "oversight.secretFileMounts" .secretFiles | nindent 8 }}
{{- end -}}


{{/*
Connection security to Temporal (temporal.tls, temporal.apiKey) for a service with `temporal: true`:
the plain settings here, the files (client certificate and key, CA, API key) as secretFiles below.
The files are mounted from Secrets as directories (no subPath), so a rotated Secret reaches the pod;
the services re-read the API key every temporal.apiKey.reloadSeconds.
*/}}
{{- define "oversight.temporalSecurityEnv" -}}
{{- $t := .Values.temporal }}
{{- if $t.tls.enabled }}
- name: TEMPORAL_TLS
  value: "true"
{{- end }}
{{- if $t.tls.serverName }}
- name: TEMPORAL_TLS_SERVER_NAME
  value: {{ $t.tls.serverName | quote }}
{{- end }}
{{- if $t.apiKey.secretName }}
- name: TEMPORAL_API_KEY_RELOAD_SECONDS
  value: {{ $t.apiKey.reloadSeconds | int | quote }}
{{- end }}
{{- end -}}

{{/* The Temporal files of a service with `temporal: true`, in the secretFiles format (a YAML list). */}}
{{- define "oversight.temporalSecretFiles" -}}
{{- $t := .root.Values.temporal -}}
{{- $files := list -}}
{{- if .svc.temporal -}}
{{- if $t.tls.clientCertSecret -}}
{{- $files = append $files (dict "env" "TEMPORAL_TLS_CERT_FILE" "secretName" $t.tls.clientCertSecret "key" "tls.crt") -}}
{{- $files = append $files (dict "env" "TEMPORAL_TLS_KEY_FILE" "secretName" $t.tls.clientCertSecret "key" "tls.key") -}}
{{- end -}}
{{- if $t.tls.caSecret.name -}}
{{- $files = append $files (dict "env" "TEMPORAL_TLS_CA_FILE" "secretName" $t.tls.caSecret.name "key" $t.tls.caSecret.key) -}}
{{- end -}}
{{- if $t.apiKey.secretName -}}
{{- $files = append $files (dict "env" "TEMPORAL_API_KEY_FILE" "secretName" $t.apiKey.secretName "key" $t.apiKey.key) -}}
{{- end -}}
{{- end -}}
{{- toYaml $files -}}
{{- end -}}

{{/* A service's secretFiles and its Temporal files: what its API and worker pods mount. */}}
{{- define "oversight.allSecretFiles" -}}
{{- $temporal := include "oversight.temporalSecretFiles" . | fromYamlArray -}}
{{- toYaml (concat (.svc.secretFiles | default list) $temporal) -}}
{{- end -}}
