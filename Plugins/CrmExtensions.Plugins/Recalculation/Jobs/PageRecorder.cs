using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>
    /// Records a job's pages from ids in scope order, PageSize customers each, numbered on from a first number; a number
    /// already recorded (by an earlier run of the same plan or slice) is skipped, not recorded twice.
    /// </summary>
    public sealed class PageRecorder
    {
        private readonly IOrganizationService _service;
        private readonly JobDefinition _job;
        private readonly ISet<int> _recorded;
        private readonly List<Guid> _page = new List<Guid>();
        private int _next;

        public PageRecorder(IOrganizationService service, JobDefinition job, ISet<int> recorded, int firstNumber)
        {
            _service = service;
            _job = job;
            _recorded = recorded;
            _next = firstNumber;
        }

        /// <summary>Pages recorded or found recorded so far.</summary>
        public int Pages { get; private set; }

        public void Add(IEnumerable<Guid> ids)
        {
            foreach (var id in ids)
            {
                _page.Add(id);
                if (_page.Count == _job.PageSize) Flush();
            }
        }

        public void Flush()
        {
            if (_page.Count == 0) return;
            var number = _next++;
            Pages++;
            if (!_recorded.Contains(number))
                _service.Create(new Entity(RecalculationPage.EntityLogicalName)
                {
                    [RecalculationPage.Name] = $"{_job.Name} · page {number.ToString(CultureInfo.InvariantCulture)}",
                    [RecalculationPage.Job] = _job.Job,
                    [RecalculationPage.Number] = number,
                    [RecalculationPage.CustomerIds] = string.Join("\n", _page.Select(id => id.ToString("D"))),
                    [RecalculationPage.LastId] = _page[_page.Count - 1].ToString("D"),
                    [RecalculationPage.Planned] = _page.Count,
                    [RecalculationPage.Status] = new OptionSetValue((int)RecalculationStatusChoice.Queued),
                });
            _page.Clear();
        }

        /// <summary>The numbers of the job's rows in [from, to): one query, usually finding none.</summary>
        public static ISet<int> Recorded(IOrganizationService service, EntityReference job, int from, int to)
        {
            var query = new QueryExpression(RecalculationPage.EntityLogicalName) { ColumnSet = new ColumnSet(RecalculationPage.Number) };
            query.Criteria.AddCondition(RecalculationPage.Job, ConditionOperator.Equal, job.Id);
            query.Criteria.AddCondition(RecalculationPage.Number, ConditionOperator.GreaterEqual, from);
            query.Criteria.AddCondition(RecalculationPage.Number, ConditionOperator.LessThan, to);
            return new HashSet<int>(PagedQuery.All(service, query).Select(r => r.GetAttributeValue<int>(RecalculationPage.Number)));
        }
    }
}
