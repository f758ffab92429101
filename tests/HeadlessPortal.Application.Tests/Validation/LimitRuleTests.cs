using HeadlessPortal.Application.ApiClients.CreateApiClient;
using HeadlessPortal.Application.Common.Validation;
using HeadlessPortal.Application.Customers;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Customers;

namespace HeadlessPortal.Application.Tests.Validation;

/// <summary>The limits the OpenAPI document states are the ones validators enforce and describe.</summary>
public sealed class LimitRuleTests
{
    [Fact]
    public void CreateApiClient_WhenSecretLongerThanTheLimit_IsRefused()
    {
        var validator = new CreateApiClientValidator();
        var atLimit = new CreateApiClientCommand(Guid.NewGuid(), "Sync", ApiClientRole.Integration, ClientSecret: new string('s', ApiClient.SecretMaxLength));
        var over = atLimit with { ClientSecret = new string('s', ApiClient.SecretMaxLength + 1) };

        Assert.True(validator.Validate(atLimit).IsValid);
        Assert.Contains(validator.Validate(over).Errors, e => e.PropertyName == "ClientSecret" && e.ErrorMessage.Contains("at most", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomerDocument_WhenMoreEmailsThanTheLimit_IsRefusedAndTheLimitIsDescribed()
    {
        var validator = new CustomerDocumentValidator();
        var emails = Enumerable.Range(0, Customer.MaxEmails + 1).Select(i => $"person{i}@example.com").ToList();

        var result = validator.Validate(new CustomerDocument(CustomerKind.Residential, "Pat", emails, null, null));

        Assert.Contains(result.Errors, e => e.PropertyName == "Emails");
        var rule = validator.CreateDescriptor().GetValidatorsForMember("Emails").Select(v => v.Validator).OfType<IMaxItemsValidator>().Single();
        Assert.Equal(Customer.MaxEmails, rule.Max);
    }
}
