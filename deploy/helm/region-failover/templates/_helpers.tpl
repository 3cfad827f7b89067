{{/* The chart's name, cut to the 63 characters of a Kubernetes label. */}}
{{- define "region-failover.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the release name, with the chart's name unless it already has it. */}}
{{- define "region-failover.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "region-failover.selectorLabels" -}}
app.kubernetes.io/name: {{ include "region-failover.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: worker
{{- end }}

{{- define "region-failover.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "region-failover.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "region-failover.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "region-failover.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image reference: the digest when one is given, else the tag or the chart's appVersion. */}}
{{- define "region-failover.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The ConfigMap of the estates: the one named in values, or the chart's own. */}}
{{- define "region-failover.estatesConfigMap" -}}
{{- default (printf "%s-estates" (include "region-failover.fullname" .)) .Values.estates.existingConfigMap }}
{{- end }}

{{/* Whether the worker connects with TLS: asked for, or implied by a client certificate or an API key. */}}
{{- define "region-failover.tls" -}}
{{- if or .Values.temporal.tls.enabled .Values.temporal.tls.clientCertSecret.name .Values.temporal.apiKey.secretName }}true{{ end }}
{{- end }}
