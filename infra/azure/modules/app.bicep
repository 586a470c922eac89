// The Elastic Premium plan and the Function App (.NET isolated on Linux, system-assigned identity).
// Its settings come in settings.bicep, once the identity has its roles.
param location string
param tags object
param planName string
param appName string
param planSku string
param alwaysReadyInstances int
param maximumInstances int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: planSku
    tier: 'ElasticPremium'
    // The plan's minimum: instances billed and running even with no load.
    capacity: alwaysReadyInstances
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: maximumInstances
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      // Always-ready instances of this app: the bus runs on them whether or not a request comes.
      minimumElasticInstanceCount: alwaysReadyInstances
      functionAppScaleLimit: maximumInstances
      healthCheckPath: '/api/health'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
  }
}

output defaultHostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
