// As settings.bicepparam, during a rotation of the webhook master key (docs/azure.md).
using '../main.bicep'

param environmentName = 'musicevents-rotation'
param location = 'westeurope'
param rabbitMqConnectionString = 'amqps://check-user:sentinel-rabbitmq-password@broker.example.net:5671/musicevents'
param musicApiKey = 'sentinel-musicapi-key'
param webhookMasterKey = 'sentinel-webhook-master-key-new-0123456789abcdef'
param previousWebhookMasterKey = 'sentinel-webhook-master-key-old-0123456789abcdef'
param archiveAllowedHosts = 'cdn.example.net'
