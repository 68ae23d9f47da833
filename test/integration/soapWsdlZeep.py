"""A client that Debian's python3-zeep generates from a simulated node's served WSDLs (issue 10).

Reads one JSON object on stdin: {"base": "https://host:port", "caFile": ..., "user": ..., "password": ...,
"node": "imp-pub", "ris": false} and prints one JSON object with what the generated client read, field by
field, by name. Zeep runs strict (its default): an element the WSDL does not declare is an error. Any
exception is printed as {"error": ...} with exit status 1.
"""

import json
import sys
import traceback

import requests
from requests.auth import HTTPBasicAuth
from zeep import Client, Settings
from zeep.transports import Transport


def client(cfg, path):
    session = requests.Session()
    # Trust exactly the node's certificate: without this, requests lets REQUESTS_CA_BUNDLE from the
    # environment override session.verify (requests issue 3829).
    session.trust_env = False
    session.verify = cfg["caFile"]
    session.auth = HTTPBasicAuth(cfg["user"], cfg["password"])
    transport = Transport(session=session, timeout=30)
    return Client(f"{cfg['base']}{path}?wsdl", transport=transport, settings=Settings(strict=True))


def main():
    cfg = json.load(sys.stdin)
    node = cfg["node"]
    out = {}

    perfmon = client(cfg, "/perfmonservice2/services/PerfmonService").service
    objects = perfmon.perfmonListCounter(Host=node)
    out["objects"] = [
        {
            "name": o.Name,
            "multiInstance": o.MultiInstance,
            "counters": [c.Name for c in (o.ArrayOfCounter.item if o.ArrayOfCounter is not None else [])],
        }
        for o in objects
    ]
    described = {}
    if cfg.get("describeAll"):
        for o in objects:
            for c in o.ArrayOfCounter.item if o.ArrayOfCounter is not None else []:
                path = f"\\\\{node}\\{o.Name}\\{c.Name}"
                described[path] = perfmon.perfmonQueryCounterDescription(Counter=path)
    out["descriptions"] = described
    values = perfmon.perfmonCollectCounterData(Host=node, Object="Memory")
    out["memory"] = [{"name": v.Name, "value": v.Value, "cstatus": v.CStatus} for v in values]
    instances = perfmon.perfmonListInstance(Host=node, Object="Processor")
    out["processorInstances"] = [i.Name for i in instances]
    handle = perfmon.perfmonOpenSession()
    counter = f"\\\\{node}\\Memory\\Total KBytes"
    perfmon.perfmonAddCounter(SessionHandle=handle, ArrayOfCounter={"Counter": [{"Name": counter}]})
    session_values = perfmon.perfmonCollectSessionData(SessionHandle=handle)
    out["session"] = {"handle": handle, "values": [{"name": v.Name, "value": v.Value, "cstatus": v.CStatus} for v in session_values]}
    perfmon.perfmonRemoveCounter(SessionHandle=handle, ArrayOfCounter={"Counter": [{"Name": counter}]})
    perfmon.perfmonCloseSession(SessionHandle=handle)

    cc = client(cfg, "/controlcenterservice2/services/ControlCenterServices").service
    status = cc.soapGetServiceStatus(ServiceStatus=["Cisco Tomcat", "Cisco No Such Service"])
    out["serviceStatus"] = {
        "returnCode": status.ReturnCode,
        "reasonCode": status.ReasonCode,
        "items": [
            {
                "name": s.ServiceName,
                "status": s.ServiceStatus,
                "reasonCode": s.ReasonCode,
                "reason": s.ReasonCodeString,
                "startTime": s.StartTime,
                "upTime": s.UpTime,
            }
            for s in status.ServiceInfoList.item
        ],
    }
    all_status = cc.soapGetServiceStatus(ServiceStatus=[])
    out["allServices"] = len(all_status.ServiceInfoList.item)
    static = cc.soapGetStaticServiceList(ServiceInformationResponse="")
    # zeep unwraps a reply whose only child has one child: StaticServiceList → its Services array.
    static_services = static.Services if "Services" in dir(static) else static
    out["staticServices"] = [
        {"name": s.ServiceName, "type": s.ServiceType, "deployable": s.Deployable, "dependsOn": list(s.DependentServices.Service) if s.DependentServices is not None else []}
        for s in static_services.item
    ]
    product = cc.getProductInformationList(ServiceInfo="")
    out["product"] = {"version": product.ActiveServerVersion, "products": [p.ProductName for p in product.Products.item]}

    logs = client(cfg, "/logcollectionservice2/services/LogCollectionPortTypeService").service
    listed = logs.listNodeServiceLogs(ListRequest="")
    out["logs"] = [{"name": l.name, "serviceLogs": len(l.ServiceLog.item), "systemLogs": len(l.SystemLog.item)} for l in listed]
    first_log = listed[0].ServiceLog.item[0]
    selected = logs.selectLogFiles(
        FileSelectionCriteria={
            "ServiceLogs": {"item": [first_log]},
            "SystemLogs": {"item": []},
            "SearchStr": "",
            "Frequency": "OnDemand",
            "JobType": "DownloadtoClient",
            "ToDate": "",
            "FromDate": "",
            "TimeZone": "",
            "RelText": "Days",
            "RelTime": 30,
            "Port": 0,
            "IPAddress": "",
            "UserName": "",
            "Password": "",
            "ZipInfo": False,
            "RemoteFolder": "",
        }
    )
    # Likewise ResultSet → SchemaFileSelectionResult.
    result_set = selected.SchemaFileSelectionResult if "SchemaFileSelectionResult" in dir(selected) else selected
    node_result = result_set.Node
    files = [f for s in (node_result.ServiceList.ServiceLogs if node_result.ServiceList is not None else []) for f in s.SetOfFiles.File]
    out["selected"] = {"node": node_result.name, "log": first_log, "files": [{"name": f.name, "path": f.absolutepath, "size": f.filesize, "modified": f.modifiedDate} for f in files]}
    if files:
        # Positional, as Cisco's sample calls it (reference B.4): the part is the bare FileName element.
        data = logs.GetOneFile(files[0].absolutepath)
        out["oneFile"] = {"path": files[0].absolutepath, "bytes": len(data)}

    if cfg.get("ris"):
        ris = client(cfg, "/realtimeservice2/services/RISService70").service
        devices = ris.selectCmDevice(
            StateInfo="",
            CmSelectionCriteria={
                "MaxReturnedDevices": 10,
                "DeviceClass": "Any",
                "Model": 255,
                "Status": "Any",
                "NodeName": "",
                "SelectBy": "Name",
                "SelectItems": {"item": [{"Item": "*"}]},
                "Protocol": "Any",
                "DownloadStatus": "Any",
            },
        )
        result = devices.SelectCmDeviceResult
        out["ris"] = {
            "total": result.TotalDevicesFound,
            "nodes": [
                {
                    "name": n.Name,
                    "returnCode": n.ReturnCode,
                    "devices": [
                        {"name": d.Name, "status": d.Status, "model": d.Model, "ip": [a.IP for a in d.IPAddress.item]}
                        for d in (n.CmDevices.item if n.CmDevices is not None else [])
                    ],
                }
                for n in result.CmNodes.item
            ],
        }
        cti = ris.selectCtiItem(
            StateInfo="",
            CtiSelectionCriteria={"MaxReturnedItems": 10, "CtiMgrClass": "Provider", "Status": "Any", "NodeName": "", "SelectAppBy": "AppId", "AppItems": {"item": [{"AppItem": "*"}]}},
        )
        out["cti"] = {"total": cti.SelectCtiItemResult.TotalItemsFound, "nodes": [n.Name for n in cti.SelectCtiItemResult.CtiNodes.item]}

    json.dump(out, sys.stdout, default=str)


if __name__ == "__main__":
    try:
        main()
    except Exception as err:  # noqa: BLE001 - the test prints whatever went wrong
        json.dump({"error": f"{type(err).__name__}: {err}", "trace": traceback.format_exc()}, sys.stdout)
        sys.exit(1)
