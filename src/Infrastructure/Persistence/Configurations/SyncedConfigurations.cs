using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessPortal.Infrastructure.Persistence.Configurations;

/// <summary>Maps references kept as (our id, back-office id) column pairs, with a foreign key on our id.</summary>
internal static class ReferenceMapping
{
    public static void MapRef<T, TTarget>(this EntityTypeBuilder<T> builder, string name, bool required, DeleteBehavior onDelete = DeleteBehavior.Restrict)
        where T : class
        where TTarget : class
    {
        builder.Property<string>(name + "ExternalId").HasMaxLength(Limits.ExternalIdMaxLength).IsRequired(required);
        builder.HasOne<TTarget>().WithMany().HasForeignKey(name + "Id").IsRequired(required).OnDelete(onDelete);
    }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.MapSynced("Locations");
        builder.Ignore(l => l.Customer);
        builder.MapRef<Location, Customer>(nameof(Location.Customer), required: true);
        builder.Property(l => l.Name).HasMaxLength(Limits.NameMaxLength);
        builder.Property(l => l.Address).HasJsonValue("Address", 1000).IsRequired();

        // A customer's locations in id order, for the portal's list.
        builder.HasIndex(nameof(Location.TenantId), nameof(Location.CustomerId), nameof(Location.Id));
    }
}

internal sealed class PortalContactConfiguration : IEntityTypeConfiguration<PortalContact>
{
    public void Configure(EntityTypeBuilder<PortalContact> builder)
    {
        builder.MapSynced("PortalContacts");
        builder.Ignore(c => c.Customer);
        builder.MapRef<PortalContact, Customer>(nameof(PortalContact.Customer), required: true);
        builder.Property(c => c.Email).HasMaxLength(ContactRules.EmailMaxLength).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(PortalContact.NameMaxLength);
        builder.Property(c => c.Memo).HasMaxLength(PortalContact.MemoMaxLength);
        builder.Property(c => c.AccessLevel).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.HasIndex(c => new { c.TenantId, c.Email });
    }
}

internal sealed class TechnicianConfiguration : IEntityTypeConfiguration<Technician>
{
    public void Configure(EntityTypeBuilder<Technician> builder)
    {
        builder.MapSynced("Technicians");
        builder.Property(t => t.DisplayName).HasMaxLength(Technician.DisplayNameMaxLength).IsRequired();
        builder.Property(t => t.PhotoUrl).HasMaxLength(ContactRules.UrlMaxLength);
    }
}

internal sealed class JobTypeConfiguration : IEntityTypeConfiguration<JobType>
{
    public void Configure(EntityTypeBuilder<JobType> builder)
    {
        builder.MapSynced("JobTypes");
        builder.Property(t => t.Name).HasMaxLength(Limits.NameMaxLength).IsRequired();
    }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.MapSynced("Jobs");
        builder.Ignore(j => j.Customer);
        builder.Ignore(j => j.Location);
        builder.Ignore(j => j.BusinessUnit);
        builder.Ignore(j => j.JobType);
        builder.MapRef<Job, Customer>(nameof(Job.Customer), required: true);
        builder.MapRef<Job, Location>(nameof(Job.Location), required: true);
        builder.MapRef<Job, BusinessUnit>(nameof(Job.BusinessUnit), required: false);
        builder.MapRef<Job, JobType>(nameof(Job.JobType), required: false);
        builder.Property(j => j.Number).HasMaxLength(JobDetails.NumberMaxLength).IsRequired();
        builder.Property(j => j.Summary).HasMaxLength(JobDetails.SummaryMaxLength);
        builder.Property(j => j.InternalNotes).HasMaxLength(JobDetails.NotesMaxLength);
        builder.Property(j => j.ProjectReference).HasMaxLength(JobDetails.ProjectReferenceMaxLength);

        // A customer's jobs in id order: the portal's job tabs page through them.
        builder.HasIndex(nameof(Job.TenantId), nameof(Job.CustomerId), nameof(Job.Id));
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.MapSynced("Appointments");
        builder.Ignore(a => a.Job);
        builder.MapRef<Appointment, Job>(nameof(Appointment.Job), required: true);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(a => a.Start).IsRequired();
        builder.Property(a => a.StartUtcTicks).IsRequired().HasDefaultValue(0L);

        // A job's appointments by status and start: the job tab filters are index lookups per job.
        builder.HasIndex(nameof(Appointment.TenantId), nameof(Appointment.JobId), nameof(Appointment.Status), nameof(Appointment.StartUtcTicks));
        builder.Property(a => a.End).IsRequired();
        builder.Property(a => a.ArrivalWindowStart);
        builder.Property(a => a.ArrivalWindowEnd);
        builder.HasJsonList<Appointment, Ref>("_technicians", "Technicians", 4000);
        builder.Ignore(a => a.Technicians);
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.MapSynced("Invoices");
        builder.Ignore(i => i.BillTo);
        builder.Ignore(i => i.Job);
        builder.Ignore(i => i.Location);
        builder.Ignore(i => i.BusinessUnit);
        builder.MapRef<Invoice, Customer>(nameof(Invoice.BillTo), required: true);
        builder.MapRef<Invoice, Job>(nameof(Invoice.Job), required: false);
        builder.MapRef<Invoice, Location>(nameof(Invoice.Location), required: false);
        builder.MapRef<Invoice, BusinessUnit>(nameof(Invoice.BusinessUnit), required: false);
        builder.Property(i => i.Number).HasMaxLength(Invoice.NumberMaxLength).IsRequired();
        builder.Property(i => i.Currency).HasMaxLength(CurrencyCode.Length).IsRequired();
        builder.Property(i => i.Summary).HasMaxLength(Invoice.SummaryMaxLength);
        builder.Property(i => i.IssueDate).IsRequired();
        builder.Property(i => i.DueDate);
        builder.Property(i => i.Subtotal).IsRequired();
        builder.Property(i => i.Tax).IsRequired();
        builder.Property(i => i.Total).IsRequired();
        builder.Property(i => i.Balance).IsRequired();
        builder.Property(i => i.EverHadBalance).IsRequired();
        builder.HasJsonList<Invoice, LineItem>("_lines", "Lines", 400_000);
        builder.HasJsonList<Invoice, RecordedPayment>("_payments", "Payments", 40_000);
        builder.Ignore(i => i.Lines);
        builder.Ignore(i => i.Payments);
        builder.Property(i => i.PaymentHold).IsRequired().HasDefaultValue(0L);
        builder.Property(i => i.Version).IsConcurrencyToken().HasDefaultValue(0);
        builder.HasJsonList<Invoice, OnlinePayment>("_unrecordedOnlinePayments", "UnrecordedOnlinePayments", 40_000).HasDefaultValueSql("'[]'");
        builder.Ignore(i => i.UnrecordedOnlinePayments);
        builder.Ignore(i => i.AvailableToPay);

        // The portal's invoice lists: one range per Bill-To customer and section, already in list order (newest first).
        builder.HasIndex(i => new { i.TenantId, i.BillToId, i.IssueDate, i.Id }, PortalInvoiceIndexes.Unpaid).HasFilter(PortalInvoiceIndexes.UnpaidFilter);
        builder.HasIndex(i => new { i.TenantId, i.BillToId, i.IssueDate, i.Id }, PortalInvoiceIndexes.Paid).HasFilter(PortalInvoiceIndexes.PaidFilter);
    }
}

/// <summary>
/// Partial indexes holding exactly the invoices customers may be shown (ever had a balance, not deleted), split by
/// whether a balance is due; written the same way in the model and in migration PortalInvoiceIndexes.
/// </summary>
internal static class PortalInvoiceIndexes
{
    public const string Unpaid = "IX_Invoices_Portal_Unpaid";
    public const string Paid = "IX_Invoices_Portal_Paid";
    public const string UnpaidFilter = "\"Balance\" > 0 AND \"EverHadBalance\" AND \"DeletedAt\" IS NULL";
    public const string PaidFilter = "\"Balance\" = 0 AND \"EverHadBalance\" AND \"DeletedAt\" IS NULL";
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.MapSynced("Proposals");
        builder.Ignore(p => p.Customer);
        builder.Ignore(p => p.Location);
        builder.Ignore(p => p.Job);
        builder.MapRef<Proposal, Customer>(nameof(Proposal.Customer), required: true);
        builder.MapRef<Proposal, Location>(nameof(Proposal.Location), required: false);
        builder.MapRef<Proposal, Job>(nameof(Proposal.Job), required: false);
        builder.Ignore(p => p.Equipment);

        // A reference without a foreign key: SQLite cannot add one to an existing table (the sync resolves it like the others).
        builder.Property(p => p.EquipmentId);
        builder.Property(p => p.EquipmentExternalId).HasMaxLength(Limits.ExternalIdMaxLength);
        builder.Property(p => p.ExpiresOn).HasField("_expiresOn");
        builder.Property(p => p.Terms).HasField("_terms").HasMaxLength(Proposal.TermsMaxLength);
        builder.Ignore(p => p.RecommendedOption);

        // The customer's decision: one row per proposal (unique ProposalId), so of concurrent decisions exactly one is saved.
        builder.HasOne(p => p.Decision).WithOne().HasForeignKey<ProposalDecision>(d => d.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Decision).HasField("_decision").AutoInclude();
        builder.Property(p => p.Number).HasMaxLength(Proposal.NumberMaxLength).IsRequired();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(p => p.Summary).HasMaxLength(Proposal.SummaryMaxLength);
        builder.Property(p => p.FinancingOfferUrl).HasMaxLength(ContactRules.UrlMaxLength);
        builder.Property(p => p.Currency).HasMaxLength(CurrencyCode.Length).IsRequired();
        builder.HasJsonList<Proposal, ProposalOption>(Proposal.OptionsField, "Options", 400_000);
        builder.HasIndex(p => new { p.TenantId, p.CustomerId, p.Status });
        builder.Ignore(p => p.Options);
    }
}

internal sealed class ProposalDecisionConfiguration : IEntityTypeConfiguration<ProposalDecision>
{
    public void Configure(EntityTypeBuilder<ProposalDecision> builder)
    {
        builder.ToTable("ProposalDecisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasIndex(d => d.ProposalId).IsUnique();
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(d => d.SignatureType).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.DecidedAt).AsNumber();
        builder.Property(d => d.IpAddress).HasMaxLength(ProposalDecisionRules.IpAddressMaxLength).IsRequired();
        builder.Property(d => d.UserAgent).HasMaxLength(ProposalDecisionRules.UserAgentMaxLength).IsRequired();
        builder.Property(d => d.OptionId).HasMaxLength(ProposalOption.IdMaxLength);
        builder.Property(d => d.SignerName).HasMaxLength(ProposalDecisionRules.SignerNameMaxLength);
        builder.Property(d => d.SignaturePng).HasMaxLength(ProposalSignature.MaxPngBytes);
        builder.Property(d => d.ConsentText).HasMaxLength(ProposalDecisionRules.ConsentTextMaxLength);
        builder.Property(d => d.ConsentVersion).HasMaxLength(ProposalDecisionRules.ConsentVersionMaxLength);
        builder.Property(d => d.DocumentSha256).HasMaxLength(ProposalDecisionRules.Sha256HexLength);
        builder.Property(d => d.DeclineReason).HasMaxLength(ProposalDecisionRules.ReasonMaxLength);
        builder.Property(d => d.IdempotencyScope).HasMaxLength(DecisionIdempotency.ScopeMaxLength);
        builder.Property(d => d.IdempotencyKey).HasMaxLength(DecisionIdempotency.KeyMaxLength);
        builder.Property(d => d.RequestHash).HasMaxLength(100);
        builder.Ignore(d => d.Signature);
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EquipmentConfiguration : IEntityTypeConfiguration<Equipment>
{
    public void Configure(EntityTypeBuilder<Equipment> builder)
    {
        builder.MapSynced("Equipment");
        builder.Ignore(e => e.Location);
        builder.MapRef<Equipment, Location>(nameof(Equipment.Location), required: true);
        builder.Property(e => e.Type).HasMaxLength(EquipmentDescription.TextMaxLength).IsRequired();
        builder.Property(e => e.Manufacturer).HasMaxLength(EquipmentDescription.TextMaxLength);
        builder.Property(e => e.Model).HasMaxLength(EquipmentDescription.TextMaxLength);
        builder.Property(e => e.Serial).HasMaxLength(EquipmentDescription.TextMaxLength);
        builder.Property(e => e.SerialKey).HasMaxLength(EquipmentDescription.TextMaxLength);
        builder.Property(e => e.InstalledOn);
        builder.Property(e => e.ManufacturerWarranty).HasJsonValue("ManufacturerWarranty", 4000);
        builder.Property(e => e.ServiceWarranty).HasJsonValue("ServiceWarranty", 4000);
        builder.HasJsonList<Equipment, Ref>("_jobs", "Jobs", 100_000);
        builder.HasJsonList<Equipment, Ref>("_proposals", "Proposals", 100_000);
        builder.Ignore(e => e.Jobs);
        builder.Ignore(e => e.Proposals);
        builder.HasIndex(e => new { e.TenantId, e.Serial });

        // The portal lists equipment per location in id order, and searches serials by a prefix range on the key.
        builder.HasIndex(nameof(Equipment.TenantId), nameof(Equipment.LocationId), nameof(Equipment.Id));
        builder.HasIndex(e => new { e.TenantId, e.SerialKey });
    }
}

internal static class PlanMapping
{
    public static void MapPlan<T>(this EntityTypeBuilder<T> builder, string table)
        where T : Plan
    {
        builder.MapSynced(table);
        builder.Ignore(p => p.Customer);
        builder.MapRef<T, Customer>(nameof(Plan.Customer), required: true);
        builder.Property(p => p.StartDate).IsRequired();
        builder.Property(p => p.EndDate);
        builder.HasJsonList<T, PlanVisit>(Plan.VisitsField, "Visits", 100_000);
        builder.HasJsonList<T, Ref>("_equipment", "Equipment", 100_000);
        builder.HasJsonList<T, Ref>("_invoices", "Invoices", 100_000);
        builder.Ignore(p => p.Visits);
        builder.Ignore(p => p.Equipment);
        builder.Ignore(p => p.Invoices);

        // The portal lists a customer's plans in id order.
        builder.HasIndex(nameof(Plan.TenantId), nameof(Plan.CustomerId), nameof(Plan.Id));
    }
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.MapPlan("Agreements");
        builder.Property(a => a.Name).HasMaxLength(Limits.NameMaxLength).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.MapPlan("Memberships");
        builder.Property(m => m.Type).HasMaxLength(Limits.NameMaxLength).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
    }
}

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<HeadlessPortal.Domain.Documents.Document>
{
    public void Configure(EntityTypeBuilder<HeadlessPortal.Domain.Documents.Document> builder)
    {
        builder.MapSynced("Documents");
        builder.Ignore(d => d.Job);
        builder.MapRef<HeadlessPortal.Domain.Documents.Document, Job>(nameof(HeadlessPortal.Domain.Documents.Document.Job), required: true);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(d => d.Shared).IsRequired();
        builder.Property(d => d.Title).HasMaxLength(HeadlessPortal.Domain.Documents.Document.TitleMaxLength);
        builder.Property(d => d.FileName).HasMaxLength(HeadlessPortal.Domain.Documents.Document.FileNameMaxLength).IsRequired();
        builder.Property(d => d.StorageKey).HasMaxLength(HeadlessPortal.Domain.Documents.StoredContent.StorageKeyMaxLength).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(HeadlessPortal.Domain.Documents.StoredContent.ContentTypeMaxLength).IsRequired();
        builder.Property(d => d.Size).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(HeadlessPortal.Domain.Documents.Document.Sha256Length).IsRequired();
    }
}
