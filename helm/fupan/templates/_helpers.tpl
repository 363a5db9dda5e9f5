{{/*
Name of the chart, or nameOverride.
*/}}
{{- define "fupan.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's resources (63 characters at most: DNS label limit). When the release
name already contains the chart name, it is used as is.
*/}}
{{- define "fupan.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "fupan.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels (app.kubernetes.io/*) of every resource.
*/}}
{{- define "fupan.labels" -}}
helm.sh/chart: {{ include "fupan.chart" . }}
{{ include "fupan.selectorLabels" . }}
app.kubernetes.io/version: {{ include "fupan.imageTag" . | quote }}
app.kubernetes.io/component: server
app.kubernetes.io/part-of: fupan
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels: stable across upgrades (never add version labels here).
*/}}
{{- define "fupan.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fupan.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the ServiceAccount the pods use.
*/}}
{{- define "fupan.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "fupan.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image tag: image.tag, or the chart's appVersion.
*/}}
{{- define "fupan.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/*
Name of the ConfigMap holding the tenant configuration.
*/}}
{{- define "fupan.tenantConfigName" -}}
{{- printf "%s-tenant-config" (include "fupan.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The tenant-config files bundled in the chart (plans/, tenants/, schema/; keycloak/ is never
bundled). The Maven build of the helm module copies them from the repository's tenant-config/.
*/}}
{{- define "fupan.tenantConfigGlob" -}}
tenant-config/{plans,tenants,schema}/**
{{- end }}

{{/*
ConfigMap key of a tenant-config file: its path below tenant-config/ with "/" replaced by "_"
(ConfigMap keys cannot hold "/"), e.g. tenant-config/plans/lite.yaml -> plans_lite.yaml. The
Deployment maps each key back to its path when it mounts the ConfigMap.
*/}}
{{- define "fupan.tenantConfigKey" -}}
{{- trimPrefix "tenant-config/" . | replace "/" "_" }}
{{- end }}
