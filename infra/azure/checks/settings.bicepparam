// Sample values for the template check (MusicEvents.Azure.csproj snapshots the deployment with
// them; tests/MusicEvents.Tests/Azure reads the result). Each secret is a sentinel that must never
// appear in an app setting. Not for deploying: azd uses main.parameters.json.
using '../main.bicep'

param environmentName = 'musicevents-check'
param location = 'westeurope'
param deployerPrincipalId = '00000000-0000-4000-8000-00000000d0d0'
param rabbitMqConnectionString = 'amqps://check-user:sentinel-rabbitmq-password@broker.example.net:5671/musicevents'
param musicApiKey = 'sentinel-musicapi-key'
param webhookMasterKey = 'sentinel-webhook-master-key-0-0123456789abcdef'
param archiveAllowedHosts = 'cdn.example.net, cdn2.example.net'
