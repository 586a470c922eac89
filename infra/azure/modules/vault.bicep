// Key Vault with the app's secrets, read through Key Vault references by the app's identity (RBAC).
param location string
param tags object
@minLength(3)
@maxLength(24)
param name string

@secure()
param rabbitMqConnectionString string

@secure()
param musicApiKey string

@secure()
param webhookMasterKey string

@secure()
param previousWebhookMasterKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

// Named after the settings that reference them (settings.bicep), '--' for '__'.
resource rabbitMq 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'ConnectionStrings--RabbitMq'
  properties: {
    value: rabbitMqConnectionString
  }
}

resource apiKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'MusicApi--ApiKey'
  properties: {
    value: musicApiKey
  }
}

resource masterKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'MusicApi--WebhookMasterKeys--0'
  properties: {
    value: webhookMasterKey
  }
}

// The key being retired during a rotation; otherwise the current key again, which verifies what
// the first one does: the app's settings stay the same whether a rotation is under way or not.
resource previousMasterKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'MusicApi--WebhookMasterKeys--1'
  properties: {
    value: empty(previousWebhookMasterKey) ? webhookMasterKey : previousWebhookMasterKey
  }
}

